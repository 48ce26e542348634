import { Alert, Button, ErrorSummary, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigProblemDto, IntegrationSectionDto, ProbeResultDto, SaveResultDto } from '../../../electron/ipc/integrations-admin.contract';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { useQuery } from '../bridge/use-query.hook';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import { LoadingState } from '../shared/loading-state';
import { ProbeResult } from './probe-result';
import { fieldId, SchemaForm, type JsonSchema, type Values } from './schema-form';

interface Props {
  integrationKey: string;
  /** "Legg til": the section starts empty. */
  adding: boolean;
  onClose: () => void;
  /** After a save: the cards are read again. */
  onSaved: () => void;
}

const shown = (v: unknown, unset: string): string => (v === null || v === undefined ? unset : typeof v === 'string' ? v : JSON.stringify(v));

/** One section's form: validate (the hub's schema), save to the file, and "Test tilkobling" on the unsaved values. */
export function ConnectionEditor(props: Props) {
  const { t } = useTranslation();
  const section = useQuery('integrationsAdmin.get', { key: props.integrationKey });
  if (section.error) return <ErrorAlert error={section.error} onRetry={section.reload} headingLevel={3} />;
  if (!section.data) return <LoadingState label={t('common.loading')} />;
  // the form starts from the file as read once; a later read does not overwrite what is being typed
  return <EditorForm {...props} section={section.data} />;
}

function EditorForm({ integrationKey, adding, onClose, onSaved, section: s }: Props & { section: IntegrationSectionDto }) {
  const { t } = useTranslation();
  const save = useAction('integrationsAdmin.save');
  const test = useAction('integrationsAdmin.test');
  const [values, setValues] = useState<Values>(() => (adding ? {} : s.values));
  const [hash, setHash] = useState<string | null>(s.hash);
  const [problems, setProblems] = useState<ConfigProblemDto[]>([]);
  const [saved, setSaved] = useState<SaveResultDto | null>(null);
  const [probe, setProbe] = useState<ProbeResultDto | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const errors = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const p of problems) m.set(p.field, [...(m.get(p.field) ?? []), p.message]);
    return m;
  }, [problems]);

  useEffect(() => {
    if (problems.length) summaryRef.current?.focus();
  }, [problems]);

  const title = adding ? t('integrations.addTitle', { title: s.title }) : t('integrations.editTitle', { title: s.title });

  const onSave = async () => {
    if (busy) return;
    setBusy('save');
    setSaved(null);
    setFailure(null);
    const r = await save({ key: integrationKey, values, hash: hash ?? '' });
    setBusy(null);
    if (!r.ok) return setFailure(r.error);
    setProblems(r.value.problems);
    setSaved(r.value);
    if (r.value.hash) setHash(r.value.hash);
    if (r.value.saved) onSaved();
  };
  const onTest = async () => {
    if (busy) return;
    setBusy('test');
    setProbe(null);
    setFailure(null);
    const r = await test({ key: integrationKey, values });
    setBusy(null);
    if (!r.ok) return setFailure(r.error);
    setProblems(r.value.problems);
    setProbe(r.value);
  };

  return (
    <section aria-labelledby="pm-cfg-editor-title" className="pm-cfg-editor" data-testid="connection-editor">
      <Heading level={2} data-size="sm" id="pm-cfg-editor-title">
        {title}
      </Heading>
      <Paragraph data-size="sm" className="pm-muted">
        {s.section}
      </Paragraph>
      {!s.editable && s.readOnlyReason && (
        <Alert data-color="info" data-testid="connection-readonly">
          <Paragraph>{s.readOnlyReason}</Paragraph>
        </Alert>
      )}
      {problems.length > 0 && (
        <div ref={summaryRef} tabIndex={-1}>
        <ErrorSummary data-testid="connection-error-summary">
          <ErrorSummary.Heading>{t('integrations.errorSummary')}</ErrorSummary.Heading>
          <ErrorSummary.List>
            {problems.map((p, i) => (
              <ErrorSummary.Item key={i}>
                <ErrorSummary.Link href={`#${fieldId(p.field)}`}>
                  {p.field || p.key}: {p.message}
                </ErrorSummary.Link>
              </ErrorSummary.Item>
            ))}
          </ErrorSummary.List>
        </ErrorSummary>
        </div>
      )}
      <form
        className="pm-cfg-form"
        // the hub checks with the file's own schema and names the field in Norwegian; the browser's own check would stop that
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSave();
        }}
      >
        <SchemaForm schema={s.schema as JsonSchema} values={values} onChange={setValues} errors={errors} secretNames={s.secretNames} />
        <div className="pm-actions">
          <Button type="submit" variant="primary" loading={busy === 'save'} disabled={!s.editable}>
            {busy === 'save' ? t('integrations.saving') : t('integrations.save')}
          </Button>
          <Button type="button" variant="secondary" loading={busy === 'test'} onClick={() => void onTest()} data-testid="connection-test-unsaved">
            {busy === 'test' ? t('integrations.testing') : t('integrations.test')}
          </Button>
          <Button type="button" variant="tertiary" onClick={onClose}>
            {t('integrations.close')}
          </Button>
        </div>
      </form>
      <LiveRegion className="pm-live">
        {failure && <ErrorAlert error={failure} title={t('errors.actionTitle')} headingLevel={3} />}
        {saved && (
          <Alert data-color={saved.saved ? 'success' : 'danger'} data-testid="connection-save-result">
            <Heading level={3} data-size="2xs">
              {saved.saved ? t('integrations.saved') : t('integrations.notSaved')}
            </Heading>
            <Paragraph>{saved.message}</Paragraph>
            {saved.changes.length > 0 && (
              <ul aria-label={t('integrations.changes')}>
                {saved.changes.map((c) => (
                  <li key={c.key}>{t('integrations.changeLine', { key: c.key, before: shown(c.before, t('integrations.unset')), after: shown(c.after, t('integrations.unset')) })}</li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        {probe && <ProbeResult result={probe} headingLevel={3} testId="connection-probe" />}
      </LiveRegion>
    </section>
  );
}
