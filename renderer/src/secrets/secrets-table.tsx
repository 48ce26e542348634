import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { SecretRowDto } from '../../../electron/ipc/secrets.contract';
import { useFormat } from '../i18n/use-format.hook';
import { DataTable } from '../shared/data-table';
import { SecretExpiry } from './secret-expiry';
import type { secretsNb } from './secrets.messages';

/** Where a config path points, in words: the integration (or the alert mail) by name, the rest of the path as the file has it. */
const REF_SECTIONS: Record<string, keyof typeof secretsNb.refSections> = {
  'integrations.altinn': 'altinn',
  'integrations.altinn2': 'altinn2',
  'integrations.archive': 'archive',
  'integrations.correspondence': 'correspondence',
  'integrations.registers': 'registers',
  'integrations.print': 'print',
  'integrations.internal': 'internal',
  'alerts.mail': 'alertsMail',
};
function refParts(path: string): { section: keyof typeof secretsNb.refSections | null; rest: string } {
  const prefix = Object.keys(REF_SECTIONS).find((k) => path.startsWith(`${k}.`));
  return prefix ? { section: REF_SECTIONS[prefix]!, rest: path.slice(prefix.length + 1) } : { section: null, rest: path };
}

export type RowAction = 'replace' | 'confirm' | 'rollback' | 'delete';

interface Props {
  rows: SecretRowDto[];
  labelledBy: string;
  writable: boolean;
  onAction: (row: SecretRowDto, action: RowAction) => void;
}

/** One row per name: what it is, the certificate's facts, expiry (and the kept previous one's), where the config uses it, and what IT may do. */
export function SecretsTable({ rows, labelledBy, writable, onAction }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <DataTable
      rows={rows}
      rowKey={(r) => r.name}
      rowTestId={(r) => `secret-${r.name}`}
      labelledBy={labelledBy}
      testId="secrets-table"
      columns={[
        {
          header: t('secrets.columns.name'),
          rowHeader: true,
          cell: (r) => (
            <>
              <code>{r.name}</code>
              {r.source !== 'store' && (
                <Paragraph data-size="sm" className="pm-muted">
                  {t(`secrets.source.${r.source}`)}
                </Paragraph>
              )}
            </>
          ),
        },
        { header: t('secrets.columns.kind'), cell: (r) => (r.source === 'missing' ? t('common.empty') : t(`secrets.kind.${r.kind}`)) },
        {
          header: t('secrets.columns.certificate'),
          cell: (r) => (
            <div className="pm-secret-facts">
              {r.subject && <Paragraph data-size="sm">{t('secrets.subject', { subject: r.subject })}</Paragraph>}
              {r.issuer && r.issuer !== r.subject && <Paragraph data-size="sm">{t('secrets.issuer', { issuer: r.issuer })}</Paragraph>}
              {r.fingerprint && (
                <Paragraph data-size="sm" className="pm-muted pm-secret-fingerprint">
                  {t('secrets.fingerprint', { fingerprint: r.fingerprint })}
                </Paragraph>
              )}
              {r.importedAt !== null && (
                <Paragraph data-size="sm" className="pm-muted">
                  {t('secrets.imported', { date: format.dateTime(r.importedAt), by: r.importedBy ?? '' })}
                </Paragraph>
              )}
              {!r.subject && !r.fingerprint && r.importedAt === null && <span className="pm-muted">{t('common.empty')}</span>}
            </div>
          ),
        },
        {
          header: t('secrets.columns.expires'),
          cell: (r) => (
            <div className="pm-secret-facts">
              <SecretExpiry version={r} testId={`secret-expiry-${r.name}`} />
              {r.previous && (
                <div className="pm-secret-previous" data-testid={`secret-previous-${r.name}`}>
                  <Paragraph data-size="sm">
                    <strong>{t('secrets.previous.title')}</strong>: {t('secrets.previous.body')}
                  </Paragraph>
                  <SecretExpiry version={r.previous} />
                </div>
              )}
            </div>
          ),
        },
        {
          header: t('secrets.columns.usedBy'),
          cell: (r) =>
            r.refs.length ? (
              <ul className="pm-secret-refs">
                {r.refs.map((p) => {
                  const ref = refParts(p);
                  return (
                    <li key={p}>
                      {ref.section ? (
                        <>
                          {t(`secrets.refSections.${ref.section}`)} <code className="pm-muted">{ref.rest}</code>
                        </>
                      ) : (
                        <code>{p}</code>
                      )}
                    </li>
                  );
                })}
              </ul>
            ) : (
              <span className="pm-muted">{t('secrets.notUsed')}</span>
            ),
        },
        {
          header: t('secrets.columns.actions'),
          cell: (r) => {
            if (!writable || r.source === 'read-only') return <span className="pm-muted">{t('common.empty')}</span>;
            const button = (action: RowAction, variant: 'secondary' | 'tertiary' = 'secondary') => (
              <Button key={action} variant={variant} data-size="sm" aria-label={t(`secrets.actions.${action}`, { name: r.name })} onClick={() => onAction(r, action)}>
                {t(`secrets.actionsShort.${action}`)}
              </Button>
            );
            return (
              <div className="pm-actions pm-secret-actions">
                {button('replace')}
                {r.previous && button('confirm')}
                {r.previous && button('rollback')}
                {r.source === 'store' && r.refs.length === 0 && button('delete', 'tertiary')}
              </div>
            );
          },
        },
      ]}
    />
  );
}
