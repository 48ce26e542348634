import { Button, Heading, Paragraph, Textfield, ToggleGroup } from '@digdir/designsystemet-react';
import { EyeIcon, PencilIcon } from '@navikt/aksel-icons';
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

/** The preview remembers which saved version of the letter it shows, so an older one says so. */
type Preview =
  | { kind: 'loading'; of: number }
  | { kind: 'ready'; of: number; base64: string; pages: number }
  | { kind: 'error'; of: number; error: AppError }
  | null;

type View = 'edit' | 'preview';

/**
 * The reply letter: drafted from the profile's template when the decision is saved, edited here beside its
 * preview (the real PDF; for an approved letter the stored one the hub sent). Where the work pane is too
 * narrow for two columns, «Rediger / Forhåndsvis» switches between them (case-workspace.css decides by width).
 */
export function CaseLetter({ publicId, caseNumber, work, now, apply }: Props) {
  const { t } = useTranslation();
  const command = useCaseCommand(apply, work);
  const previewLetter = useAction('cases.previewLetter');
  const [preview, setPreview] = useState<Preview>(null);
  const [dirty, setDirty] = useState(false);
  const [view, setView] = useState<View>('edit');
  const letter = work.letter;

  const runPreview = async (of: number) => {
    setPreview({ kind: 'loading', of });
    const result = await previewLetter({ publicId });
    setPreview(result.ok ? { kind: 'ready', of, base64: result.value.pdfBase64, pages: result.value.pages } : { kind: 'error', of, error: result.error });
  };

  const choose = (next: string) => {
    const chosen: View = next === 'preview' ? 'preview' : 'edit';
    setView(chosen);
    // switching to the preview is asking for it: draw the saved letter unless it is already shown
    if (chosen === 'preview' && letter && (preview === null || preview.of !== letter.updatedAt)) void runPreview(letter.updatedAt);
  };

  if (!letter) {
    return (
      <Section id="case-letter-heading" title={t('case.letter.heading')}>
        <Paragraph data-testid="letter-none">{t('case.letter.none')}</Paragraph>
      </Section>
    );
  }

  const stale = preview !== null && preview.of !== letter.updatedAt;
  const approved = work.status === 'approved';
  return (
    <Section id="case-letter-heading" title={t('case.letter.heading')}>
      <div className="pm-letter-work" data-view={view} data-testid="letter-work">
        <ToggleGroup data-toggle-group={t('caseWs.letterView')} value={view} onChange={choose} data-size="sm" className="pm-letter-toggle">
          <ToggleGroup.Item value="edit">
            <PencilIcon aria-hidden />
            {t('caseWs.letterEdit')}
          </ToggleGroup.Item>
          <ToggleGroup.Item value="preview">
            <EyeIcon aria-hidden />
            {t('caseWs.letterPreview')}
          </ToggleGroup.Item>
        </ToggleGroup>
        <div className="pm-letter-columns">
          <div className="pm-letter-text">
            {work.can.editLetter ? (
              <LetterEditor key={letter.updatedAt} publicId={publicId} letter={letter} command={command} onDirty={setDirty} />
            ) : (
              <div className="pm-letter-read" data-testid="letter-read">
                <Heading level={3} data-size="xs">
                  {letter.title}
                </Heading>
                <Paragraph className="pm-pre">{letter.body}</Paragraph>
              </div>
            )}
            <Paragraph data-size="sm" className="pm-muted" data-testid="letter-saved">
              {t('case.letter.lastSaved', { by: letter.updatedBy })} <DateTime ms={letter.updatedAt} now={now} />
            </Paragraph>
            <CommandResult outcome={command.outcome} testId="letter-result" />
          </div>
          <div className="pm-letter-preview" data-testid="letter-preview">
            {approved && <Paragraph data-size="sm">{t('caseWs.previewStored')}</Paragraph>}
            {dirty && (
              <Paragraph data-size="sm" data-testid="letter-unsaved">
                {t('case.letter.previewSavedOnly')}
              </Paragraph>
            )}
            {(preview === null || preview.kind === 'error' || stale) && (
              <div className="pm-letter-preview-ask">
                <Paragraph data-size="sm" className={stale ? undefined : 'pm-muted'} data-testid={stale ? 'letter-preview-stale' : undefined}>
                  {stale ? t('caseWs.previewStale') : t('caseWs.previewEmpty')}
                </Paragraph>
                <div>
                  <Button variant="secondary" data-size="sm" onClick={() => void runPreview(letter.updatedAt)}>
                    <EyeIcon aria-hidden />
                    {stale ? t('caseWs.previewRefresh') : t('case.letter.preview')}
                  </Button>
                </div>
              </div>
            )}
            {preview?.kind === 'loading' && (
              <Button variant="secondary" data-size="sm" loading disabled>
                {t('case.letter.preview')}
              </Button>
            )}
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
                fitWidth
              />
            )}
          </div>
        </div>
      </div>
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
        data-size="sm"
        value={title}
        maxLength={300}
        onChange={(e) => change({ title: e.target.value })}
        error={errors.title ? t('case.letter.titleRequired') : undefined}
      />
      <Textfield
        multiline
        rows={14}
        data-size="sm"
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
