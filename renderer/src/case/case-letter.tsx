import { Alert, Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseWork, Letter } from '../../../electron/ipc/desk.contract';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { PdfViewer } from '../pdf/pdf-viewer';
import { DateTime } from '../shared/date-time';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import { Section } from '../shared/section';
import { roleLabel } from '../session/role-labels';
import { ApproveCaseDialog } from './approve-case.dialog';
import { CommandResult } from './command-result';
import { useCaseCommand } from './use-case-work.hook';

interface Props {
  publicId: string;
  /** For the preview's file name. */
  caseNumber: string | null;
  work: CaseWork;
  now: number;
  apply: (work: CaseWork) => void;
}

type Preview = { kind: 'loading' } | { kind: 'ready'; base64: string; pages: number } | { kind: 'error'; error: AppError } | null;

/** The reply letter: drafted from the profile's template when the decision is saved, edited here, previewed as the real PDF, approved. */
export function CaseLetter({ publicId, caseNumber, work, now, apply }: Props) {
  const { t } = useTranslation();
  const command = useCaseCommand(apply);
  const approve = useAction('cases.approve');
  const previewLetter = useAction('cases.previewLetter');
  const [asking, setAsking] = useState(false);
  const [preview, setPreview] = useState<Preview>(null);
  const [dirty, setDirty] = useState(false);
  const letter = work.letter;

  const runPreview = async () => {
    setPreview({ kind: 'loading' });
    const result = await previewLetter({ publicId });
    setPreview(result.ok ? { kind: 'ready', base64: result.value.pdfBase64, pages: result.value.pages } : { kind: 'error', error: result.error });
  };

  const runApprove = async () => {
    await command.run('approve', () => approve({ publicId }), (after) =>
      after.status === 'awaiting-approval' ? t('case.approve.doneAwaiting') : t('case.approve.done'),
    );
    setAsking(false); // the outcome, good or bad, is announced below the buttons
  };

  return (
    <Section id="case-letter-heading" title={t('case.letter.heading')}>
      {work.status === 'awaiting-approval' && (
        <Alert data-color="warning" className="pm-alert" data-testid="awaiting-approval">
          <Paragraph>{t('case.approve.awaiting')}</Paragraph>
        </Alert>
      )}
      {!letter ? (
        <Paragraph data-testid="letter-none">{t('case.letter.none')}</Paragraph>
      ) : work.can.editLetter ? (
        <LetterEditor key={letter.updatedAt} publicId={publicId} letter={letter} command={command} onDirty={setDirty} />
      ) : (
        <div className="pm-letter-read" data-testid="letter-read">
          <Heading level={3} data-size="xs">
            {letter.title}
          </Heading>
          <Paragraph className="pm-pre">{letter.body}</Paragraph>
        </div>
      )}
      {letter && (
        <Paragraph data-size="sm" className="pm-muted" data-testid="letter-saved">
          {t('case.letter.lastSaved', { by: letter.updatedBy })} <DateTime ms={letter.updatedAt} now={now} />
        </Paragraph>
      )}
      {letter && (
        <div className="pm-actions">
          <Button variant="secondary" data-size="sm" loading={preview?.kind === 'loading'} onClick={() => void runPreview()}>
            {t('case.letter.preview')}
          </Button>
          {work.can.approve && (
            <Button data-size="sm" onClick={() => setAsking(true)}>
              {t('case.approve.button')}
            </Button>
          )}
        </div>
      )}
      {letter && dirty && <Paragraph data-size="sm">{t('case.letter.previewSavedOnly')}</Paragraph>}
      {work.approvals.length > 0 && (
        <ul className="pm-approvals" data-testid="approvals">
          {work.approvals.map((a) => (
            <li key={`${a.at}-${a.by}`}>
              {t('case.approve.by', { by: a.by, role: roleLabel(t, a.role) })} · <DateTime ms={a.at} now={now} />
            </li>
          ))}
        </ul>
      )}
      <CommandResult outcome={command.outcome} testId="letter-result" />
      <LiveRegion className="pm-live">
        {preview?.kind === 'ready' && <span className="ds-sr-only">{t('case.letter.previewReady', { count: preview.pages })}</span>}
        {preview?.kind === 'error' && <ErrorAlert error={preview.error} title={t('case.letter.previewFailed')} headingLevel={3} />}
      </LiveRegion>
      {preview?.kind === 'ready' && (
        <PdfViewer
          key={preview.base64}
          base64={preview.base64}
          title={t('case.letter.previewTitle')}
          filename={`svarbrev-${(caseNumber ?? publicId).replace(/[^\w.-]+/g, '-')}.pdf`}
          onClose={() => setPreview(null)}
        />
      )}
      {asking && (
        <ApproveCaseDialog
          secondApproval={work.secondApprovalRequired && work.approvals.length === 0}
          pending={command.pending === 'approve'}
          onConfirm={() => void runApprove()}
          onCancel={() => setAsking(false)}
        />
      )}
    </Section>
  );
}

interface EditorProps {
  publicId: string;
  letter: Letter;
  command: ReturnType<typeof useCaseCommand>;
  onDirty: (dirty: boolean) => void;
}

/** Mounted per saved version (keyed by updatedAt), so a fresh draft from the hub replaces the fields. */
function LetterEditor({ publicId, letter, command, onDirty }: EditorProps) {
  const { t } = useTranslation();
  const saveLetter = useAction('cases.saveLetter');
  const [title, setTitle] = useState(letter.title);
  const [body, setBody] = useState(letter.body);
  const [errors, setErrors] = useState({ title: false, body: false });

  const change = (next: { title?: string; body?: string }) => {
    const nextTitle = next.title ?? title;
    const nextBody = next.body ?? body;
    setTitle(nextTitle);
    setBody(nextBody);
    onDirty(nextTitle !== letter.title || nextBody !== letter.body);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = { title: !title.trim(), body: !body.trim() };
    setErrors(next);
    if (next.title || next.body) return;
    const saved = await command.run('save', () => saveLetter({ publicId, title: title.trim(), body: body.trim() }), () => t('case.letter.saved'));
    if (saved) onDirty(false);
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="pm-stack" data-testid="letter-form" noValidate>
      <Textfield
        label={t('case.letter.title')}
        value={title}
        maxLength={300}
        onChange={(e) => change({ title: e.target.value })}
        error={errors.title ? t('case.letter.titleRequired') : undefined}
      />
      <Textfield
        multiline
        rows={14}
        label={t('case.letter.body')}
        description={t('case.letter.bodyHint')}
        value={body}
        maxLength={20_000}
        onChange={(e) => change({ body: e.target.value })}
        error={errors.body ? t('case.letter.bodyRequired') : undefined}
        className="pm-letter-body"
      />
      <div>
        <Button type="submit" data-size="sm" loading={command.pending === 'save'}>
          {t('case.letter.save')}
        </Button>
      </div>
    </form>
  );
}
