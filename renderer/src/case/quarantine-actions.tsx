import { Button, Fieldset, Heading, Paragraph, Radio, Textfield } from '@digdir/designsystemet-react';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuarantineView } from '../../../electron/ipc/quarantine.contract';
import { useAction } from '../bridge/use-action.hook';
import { DateTime } from '../shared/date-time';
import { useNow } from '../shared/use-now.hook';
import { CommandResult } from './command-result';
import { useCommand } from './use-case-work.hook';

type Open = 'register' | 'duplicate' | 'reject' | null;
type Command = ReturnType<typeof useCommand<QuarantineView>>;

/** The way out of quarantine: re-validate, register as a case from the PDF, mark as a duplicate, reject. Each is audited and on the timeline. */
export function QuarantineActions({ view, apply }: { view: QuarantineView; apply: (v: QuarantineView) => void }) {
  const { t } = useTranslation();
  const revalidate = useAction('quarantine.revalidate');
  const command = useCommand<QuarantineView>(apply);
  const [open, setOpen] = useState<Open>(null);
  const { can, publicId } = view;
  if (!can.revalidate && !can.register && !can.markDuplicate && !can.reject) return null;
  const toggle = (what: Exclude<Open, null>) => setOpen((o) => (o === what ? null : what));

  return (
    <section aria-labelledby="quarantine-actions-heading" className="pm-stack" data-testid="quarantine-actions">
      <Heading level={3} data-size="2xs" id="quarantine-actions-heading">
        {t('quarantine.actionsHeading')}
      </Heading>
      <Paragraph data-size="sm">{t('quarantine.body')}</Paragraph>
      <div className="pm-actions">
        {can.revalidate && (
          <Button
            variant="secondary"
            data-size="sm"
            loading={command.pending === 'revalidate'}
            onClick={() => void command.run('revalidate', () => revalidate({ publicId }), (v) => (v.open ? t('quarantine.stillQuarantined') : t('quarantine.registered')))}
          >
            {t('quarantine.revalidate')}
          </Button>
        )}
        {can.register && (
          <Button variant="secondary" data-size="sm" aria-expanded={open === 'register'} onClick={() => toggle('register')}>
            {t('quarantine.register')}
          </Button>
        )}
        {can.revalidate && (
          <Button variant="secondary" data-size="sm" aria-expanded={open === 'duplicate'} onClick={() => toggle('duplicate')}>
            {t('quarantine.duplicate')}
          </Button>
        )}
        {can.reject && (
          <Button variant="secondary" data-color="danger" data-size="sm" aria-expanded={open === 'reject'} onClick={() => toggle('reject')}>
            {t('quarantine.reject')}
          </Button>
        )}
      </div>
      {open === 'register' && view.manual && <RegisterForm view={view} command={command} />}
      {open === 'duplicate' && <DuplicateForm view={view} command={command} />}
      {open === 'reject' && <RejectForm publicId={publicId} command={command} />}
      <CommandResult outcome={command.outcome} testId="quarantine-result" />
    </section>
  );
}

function RegisterForm({ view, command }: { view: QuarantineView; command: Command }) {
  const { t } = useTranslation();
  const register = useAction('quarantine.register');
  const manual = view.manual!;
  const [values, setValues] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const id = (f: { key: string; list: string | null }) => (f.list ? `${f.list}.${f.key}` : f.key);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const empty = manual.fields.filter((f) => f.required && !values[id(f)]?.trim()).map(id);
    setMissing(empty);
    if (empty.length) return;
    const fields: Record<string, string> = {};
    const lists: Record<string, Record<string, string>[]> = {};
    for (const f of manual.fields) {
      const v = values[id(f)]?.trim();
      if (!v) continue;
      if (f.list) (lists[f.list] ??= [{}])[0]![f.key] = v;
      else fields[f.key] = v;
    }
    void command.run('register', () => register({ publicId: view.publicId, fields, lists }), () => t('quarantine.registered'));
  };
  const listLabel = (key: string) => manual.lists.find((l) => l.key === key)?.label ?? key;
  return (
    <form onSubmit={submit} className="pm-stack" data-testid="quarantine-register-form" noValidate>
      <Paragraph data-size="sm">{t('quarantine.registerHint')}</Paragraph>
      {manual.fields.map((f) => (
        <Textfield
          key={id(f)}
          data-size="sm"
          label={f.list ? `${listLabel(f.list)}: ${f.label}` : f.label}
          description={f.type === 'date' ? t('quarantine.dateHint') : undefined}
          multiline={f.type === 'multiline'}
          value={values[id(f)] ?? ''}
          maxLength={4000}
          onChange={(e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValues((v) => ({ ...v, [id(f)]: e.target.value }))}
          error={missing.includes(id(f)) ? t('quarantine.required') : undefined}
        />
      ))}
      <div>
        <Button type="submit" data-size="sm" loading={command.pending === 'register'}>
          {t('quarantine.registerSubmit')}
        </Button>
      </div>
    </form>
  );
}

function DuplicateForm({ view, command }: { view: QuarantineView; command: Command }) {
  const { t } = useTranslation();
  const now = useNow();
  const mark = useAction('quarantine.markDuplicate');
  const [of, setOf] = useState('');
  const [missing, setMissing] = useState(false);
  if (!view.candidates.length) return <Paragraph data-testid="quarantine-no-candidates">{t('quarantine.duplicateNone', { days: view.duplicateWindowDays })}</Paragraph>;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!of);
    if (of) void command.run('duplicate', () => mark({ publicId: view.publicId, of }), () => t('quarantine.duplicated'));
  };
  return (
    <form onSubmit={submit} className="pm-stack" data-testid="quarantine-duplicate-form" noValidate>
      <Fieldset>
        <Fieldset.Legend>{t('quarantine.duplicateHint', { days: view.duplicateWindowDays })}</Fieldset.Legend>
        {view.candidates.map((c) => (
          <Radio
            key={c.publicId}
            name="duplicate-of"
            value={c.publicId}
            checked={of === c.publicId}
            onChange={() => setOf(c.publicId)}
            label={
              <span>
                {c.title ?? c.applicantName ?? t('inbox.untitled')} · <DateTime ms={c.submittedAt} now={now} /> · {c.status === 'quarantined' ? t('caseStatus.quarantined') : t('quarantine.statusReceived')}
              </span>
            }
          />
        ))}
        {missing && <p className="pm-field-error">{t('quarantine.chooseOriginal')}</p>}
      </Fieldset>
      <div>
        <Button type="submit" data-size="sm" loading={command.pending === 'duplicate'}>
          {t('quarantine.duplicateSubmit')}
        </Button>
      </div>
    </form>
  );
}

function RejectForm({ publicId, command }: { publicId: string; command: Command }) {
  const { t } = useTranslation();
  const reject = useAction('quarantine.reject');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    setMissing(!text);
    if (text) void command.run('reject', () => reject({ publicId, reason: text }), () => t('quarantine.rejected'));
  };
  return (
    <form onSubmit={submit} className="pm-stack" data-testid="quarantine-reject-form" noValidate>
      <Textfield
        multiline
        rows={3}
        data-size="sm"
        label={t('quarantine.rejectReason')}
        value={reason}
        maxLength={4000}
        onChange={(e) => setReason(e.target.value)}
        error={missing ? t('quarantine.reasonRequired') : undefined}
      />
      <div>
        <Button type="submit" data-color="danger" data-size="sm" loading={command.pending === 'reject'}>
          {t('quarantine.rejectSubmit')}
        </Button>
      </div>
    </form>
  );
}
