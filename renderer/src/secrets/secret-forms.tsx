import { Alert, Button, Field, Input, Label, Paragraph, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { useFormat } from '../i18n/use-format.hook';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import { useDaysText } from './secret-expiry';

const NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/;
const MAX_BYTES = 64 * 1024;

type Outcome = { kind: 'ok'; lines: string[] } | { kind: 'error'; error: AppError } | null;

/** The file's bytes as base64 (FileReader works in every browser and in the tests' DOM). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

function Outcome({ outcome, testId }: { outcome: Outcome; testId: string }) {
  const { t } = useTranslation();
  return (
    <LiveRegion className="pm-live">
      {outcome?.kind === 'ok' && (
        <Alert data-color="success" className="pm-alert" data-testid={testId}>
          {outcome.lines.map((l) => (
            <Paragraph key={l}>{l}</Paragraph>
          ))}
        </Alert>
      )}
      {outcome?.kind === 'error' && <ErrorAlert error={outcome.error} title={t('errors.actionTitle')} headingLevel={3} />}
    </LiveRegion>
  );
}

interface ImportProps {
  name: string;
  onName: (name: string) => void;
  nameRef: RefObject<HTMLInputElement | null>;
  onDone: () => void;
}

/** PKCS#12 or PEM under a name; the passphrase goes to the hub once and is cleared from the form at once. */
export function SecretImportForm({ name, onName, nameRef, onDone }: ImportProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const daysText = useDaysText();
  const run = useAction('secrets.import');
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<{ field: 'name' | 'file'; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [fileKey, setFileKey] = useState(0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setOutcome(null);
    const n = name.trim();
    if (!n) return setProblem({ field: 'name', text: t('secrets.importForm.missingName') });
    if (!NAME.test(n)) return setProblem({ field: 'name', text: t('secrets.importForm.badName') });
    if (!file) return setProblem({ field: 'file', text: t('secrets.importForm.missingFile') });
    if (file.size > MAX_BYTES) return setProblem({ field: 'file', text: t('secrets.importForm.tooLarge') });
    setProblem(null);
    setPending(true);
    const base64 = await readBase64(file);
    const result = await run({ name: n, fileName: file.name, base64, ...(passphrase ? { passphrase } : {}) });
    setPending(false);
    // the passphrase is not kept a moment longer than needed, whatever the outcome
    setPassphrase('');
    if (!result.ok) return setOutcome({ kind: 'error', error: result.error });
    const r = result.value;
    const lines = [t(r.rotation ? 'secrets.importForm.doneRotation' : 'secrets.importForm.done', { name: r.name })];
    if (r.row.notAfter !== null && r.row.daysLeft !== null) lines.push(t('secrets.importForm.expires', { date: format.date(r.row.notAfter), relative: daysText(r.row.daysLeft) }));
    if (r.applied) lines.push(t('secrets.importForm.applied'));
    setOutcome({ kind: 'ok', lines: [...lines, ...r.warnings] });
    setFile(null);
    setFileKey((k) => k + 1);
    onDone();
  };

  return (
    <form className="pm-stack" onSubmit={(e) => void submit(e)} noValidate data-testid="secret-import-form">
      <Paragraph data-size="sm">{t('secrets.importForm.help')}</Paragraph>
      <Textfield
        ref={nameRef}
        label={t('secrets.importForm.name')}
        description={t('secrets.importForm.nameHelp')}
        value={name}
        maxLength={100}
        autoComplete="off"
        spellCheck={false}
        error={problem?.field === 'name' ? problem.text : undefined}
        onChange={(e) => onName(e.target.value)}
      />
      <Field>
        <Label htmlFor={fileId}>{t('secrets.importForm.file')}</Label>
        <Input
          key={fileKey}
          id={fileId}
          type="file"
          accept=".p12,.pfx,.pem,.crt,.cer,.der,.key"
          aria-invalid={problem?.field === 'file' ? true : undefined}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        {problem?.field === 'file' && <ValidationMessage>{problem.text}</ValidationMessage>}
      </Field>
      <Textfield
        label={t('secrets.importForm.passphrase')}
        description={t('secrets.importForm.passphraseHelp')}
        type="password"
        value={passphrase}
        autoComplete="off"
        onChange={(e) => setPassphrase(e.target.value)}
      />
      <div className="pm-actions">
        <Button type="submit" loading={pending} data-testid="secret-import-submit">
          {t('secrets.importForm.submit')}
        </Button>
      </div>
      <Outcome outcome={outcome} testId="secret-import-result" />
    </form>
  );
}

/** A password or client secret: written, never read back. */
export function SecretSetForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const run = useAction('secrets.set');
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setOutcome(null);
    const n = name.trim();
    if (!n || !value) return setProblem(t('secrets.setForm.missing'));
    if (!NAME.test(n)) return setProblem(t('secrets.importForm.badName'));
    setProblem(null);
    setPending(true);
    const result = await run({ name: n, value });
    setPending(false);
    setValue('');
    if (!result.ok) return setOutcome({ kind: 'error', error: result.error });
    const lines = [t(result.value.rotation ? 'secrets.setForm.doneRotation' : 'secrets.setForm.done', { name: result.value.name })];
    if (result.value.applied) lines.push(t('secrets.importForm.applied'));
    setOutcome({ kind: 'ok', lines });
    setName('');
    onDone();
  };

  return (
    <form className="pm-stack" onSubmit={(e) => void submit(e)} noValidate data-testid="secret-set-form">
      <Paragraph data-size="sm">{t('secrets.setForm.help')}</Paragraph>
      <Textfield label={t('secrets.setForm.name')} value={name} maxLength={100} autoComplete="off" spellCheck={false} onChange={(e) => setName(e.target.value)} />
      <Textfield label={t('secrets.setForm.value')} type="password" value={value} autoComplete="new-password" onChange={(e) => setValue(e.target.value)} />
      {problem && <ValidationMessage>{problem}</ValidationMessage>}
      <div className="pm-actions">
        <Button type="submit" loading={pending}>
          {t('secrets.setForm.submit')}
        </Button>
      </div>
      <Outcome outcome={outcome} testId="secret-set-result" />
    </form>
  );
}
