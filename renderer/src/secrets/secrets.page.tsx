import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretRowDto } from '../../../electron/ipc/secrets.contract';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { useQuery } from '../bridge/use-query.hook';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import { LoadingState } from '../shared/loading-state';
import { PageHeading } from '../shared/page-heading';
import { Section } from '../shared/section';
import { SecretImportForm, SecretSetForm } from './secret-forms';
import { SecretsTable, type RowAction } from './secrets-table';
import './secrets.css';

type Asking = { row: SecretRowDto; action: Exclude<RowAction, 'replace'> } | null;
type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; error: AppError } | null;

/**
 * Nøkler og sertifikater (#17 item 2), for IT: what is stored (never the values), when it
 * expires, where the config uses it; import a certificate or key, set a password, rotate
 * without downtime, delete what nothing uses.
 */
export function SecretsPage() {
  const { t } = useTranslation();
  const list = useQuery('secrets.list', {});
  const confirm = useAction('secrets.confirmRotation');
  const rollback = useAction('secrets.rollback');
  const remove = useAction('secrets.delete');
  const [importName, setImportName] = useState('');
  const nameRef = useRef<HTMLInputElement>(null);
  const [asking, setAsking] = useState<Asking>(null);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const onAction = (row: SecretRowDto, action: RowAction) => {
    setOutcome(null);
    if (action === 'replace') {
      // a new value under the same name is the rotation: the form takes the name, focus moves there
      setImportName(row.name);
      nameRef.current?.focus();
      nameRef.current?.scrollIntoView?.({ block: 'center' });
      return;
    }
    setAsking({ row, action });
  };

  const act = async () => {
    if (!asking || pending) return;
    setPending(true);
    const { row, action } = asking;
    const run = action === 'confirm' ? confirm : action === 'rollback' ? rollback : remove;
    const result = await run({ name: row.name });
    setPending(false);
    setAsking(null);
    setOutcome(result.ok ? { kind: 'ok', text: t(`secrets.done.${action}`, { name: row.name }) } : { kind: 'error', error: result.error });
    list.reload();
  };

  const store = list.data?.store;
  return (
    <div className="pm-page">
      <PageHeading title={t('secrets.title')} intro={t('secrets.intro')} />

      {store?.protection === 'plain' && (
        <Alert data-color="warning" className="pm-alert pm-secrets-warning" data-testid="secrets-store-warning">
          <Heading level={2} data-size="xs">
            {t('secrets.store.plainTitle')}
          </Heading>
          <Paragraph>{t('secrets.store.plainBody')}</Paragraph>
        </Alert>
      )}
      {store && store.protection !== 'plain' && (
        <Paragraph data-size="sm" className="pm-muted" data-testid="secrets-store-note">
          {t(`secrets.store.${store.protection}`)}
        </Paragraph>
      )}

      <LiveRegion className="pm-live">
        {outcome?.kind === 'ok' && (
          <Alert data-color="success" className="pm-alert" data-testid="secret-action-result">
            <Paragraph>{outcome.text}</Paragraph>
          </Alert>
        )}
        {outcome?.kind === 'error' && <ErrorAlert error={outcome.error} title={t('errors.actionTitle')} headingLevel={2} />}
      </LiveRegion>

      <Section id="secrets-list" title={t('secrets.listTitle')}>
        <Paragraph data-size="sm">{t('secrets.rotationRule')}</Paragraph>
        {list.error && <ErrorAlert error={list.error} onRetry={list.reload} headingLevel={3} />}
        {!list.data && list.loading && <LoadingState label={t('secrets.loading')} />}
        {list.data &&
          (list.data.rows.length === 0 ? (
            <Paragraph data-testid="secrets-empty">{t('secrets.empty')}</Paragraph>
          ) : (
            <SecretsTable rows={list.data.rows} labelledBy="secrets-list" writable={list.data.store.writable} onAction={onAction} />
          ))}
      </Section>

      {store?.writable !== false && (
        <>
          <Section id="secrets-import" title={t('secrets.importForm.title')}>
            <SecretImportForm name={importName} onName={setImportName} nameRef={nameRef} onDone={list.reload} />
          </Section>
          <Section id="secrets-set" title={t('secrets.setForm.title')}>
            <SecretSetForm onDone={list.reload} />
          </Section>
        </>
      )}

      {asking && (
        <ConfirmDialog
          title={t(`secrets.dialog.${asking.action}Title`, { name: asking.row.name })}
          body={t(`secrets.dialog.${asking.action}Body`)}
          confirmLabel={t(`secrets.dialog.${asking.action}Action`)}
          danger={asking.action !== 'confirm'}
          pending={pending}
          onConfirm={() => void act()}
          onCancel={() => setAsking(null)}
          testId={`secret-${asking.action}-dialog`}
        />
      )}
    </div>
  );
}
