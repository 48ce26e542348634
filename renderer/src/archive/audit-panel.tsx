import { Alert, Button, Fieldset, Heading, Paragraph, Radio, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, ChannelOutput } from '../../../electron/ipc/contract';
import { useQuery } from '../bridge/use-query.hook';
import { DataTable } from '../shared/data-table';
import { DateTime } from '../shared/date-time';
import { ErrorAlert } from '../shared/error-alert';
import { LoadingState } from '../shared/loading-state';
import { Section } from '../shared/section';
import { hubNow, useNow } from '../shared/use-now.hook';
import { isUuid, monthOf, type Period, periodProblem } from './archive-labels';
import { PeriodFields } from './period-fields';

type AuditInput = ChannelInput<'archivist.audit'>;
type AuditOutput = ChannelOutput<'archivist.audit'>;
type By = 'case' | 'period';
export const AUDIT_LIMIT = 200;

/** The audit trail for one case or a period, with the hash chain's check said in words. */
export function AuditPanel() {
  const { t } = useTranslation();
  const [by, setBy] = useState<By>('period');
  const [publicId, setPublicId] = useState('');
  const [period, setPeriod] = useState<Period>(() => monthOf(hubNow()));
  const [tried, setTried] = useState(false);
  const [asked, setAsked] = useState<AuditInput | null>(null);
  const periodIssue = by === 'period' ? periodProblem(t, period) : null;
  const idIssue = by === 'case' && !isUuid(publicId.trim());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (periodIssue || idIssue) return;
    setAsked(by === 'case' ? { publicId: publicId.trim().toLowerCase(), limit: AUDIT_LIMIT } : { ...period, limit: AUDIT_LIMIT });
  };

  return (
    <div className="pm-archive-stack">
      <Section id="archive-audit-heading" title={t('archivist.audit.heading')}>
        <form className="pm-archive-stack" onSubmit={submit} noValidate aria-labelledby="archive-audit-heading" data-testid="audit-form">
          <Fieldset className="pm-archive-by">
            <Fieldset.Legend>{t('archivist.audit.by')}</Fieldset.Legend>
            <Radio name="audit-by" value="period" label={t('archivist.audit.byPeriod')} checked={by === 'period'} onChange={() => setBy('period')} />
            <Radio name="audit-by" value="case" label={t('archivist.audit.byCase')} checked={by === 'case'} onChange={() => setBy('case')} />
          </Fieldset>
          <div className="pm-archive-form">
            {by === 'period' ? (
              <PeriodFields value={period} onChange={setPeriod} problem={tried ? periodIssue : null} testId="audit-period" />
            ) : (
              <Textfield
                className="pm-archive-id"
                label={t('archivist.audit.publicId')}
                description={t('archivist.audit.publicIdHint')}
                value={publicId}
                maxLength={36}
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => setPublicId(e.target.value)}
                error={tried && idIssue ? t('archivist.audit.publicIdInvalid') : undefined}
              />
            )}
            <div>
              <Button type="submit">{t('archivist.audit.show')}</Button>
            </div>
          </div>
        </form>
      </Section>
      {asked && <AuditResult input={asked} />}
    </div>
  );
}

function AuditResult({ input }: { input: AuditInput }) {
  const { t } = useTranslation();
  const query = useQuery('archivist.audit', input);
  return (
    <>
      {query.error && <ErrorAlert error={query.error} onRetry={query.reload} />}
      {!query.data && query.loading && <LoadingState label={t('archivist.audit.loading')} />}
      {query.data && (
        <>
          <ChainAlert chain={query.data.chain} />
          <AuditRows rows={query.data.rows} />
        </>
      )}
    </>
  );
}

function ChainAlert({ chain }: { chain: AuditOutput['chain'] }) {
  const { t } = useTranslation();
  const ok = chain.ok && !chain.problem;
  return (
    <Alert data-color={ok ? 'success' : 'danger'} className="pm-alert" data-testid="audit-chain">
      <Heading level={2} data-size="xs">
        {ok ? t('archivist.audit.chainOkTitle') : t('archivist.audit.chainBrokenTitle')}
      </Heading>
      <Paragraph>
        {ok
          ? t('archivist.audit.chainOk', { count: chain.checked })
          : chain.problem
            ? t('archivist.audit.chainBroken', { seq: chain.problem.seq, reason: chain.problem.reason, checked: chain.checked })
            : t('archivist.audit.chainBrokenUnknown')}
      </Paragraph>
    </Alert>
  );
}

/** A detail value as text: strings as they are, anything else as compact JSON. */
const detailText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function AuditRows({ rows }: { rows: AuditOutput['rows'] }) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <Section id="archive-audit-rows-heading" title={t('archivist.audit.rows', { count: rows.length })}>
      <DataTable
        rows={rows}
        rowKey={(r) => r.seq}
        rowTestId={(r) => `audit-row-${r.seq}`}
        labelledBy="archive-audit-rows-heading"
        testId="audit-table"
        empty={t('archivist.audit.none')}
        columns={[
          { header: t('archivist.audit.col.seq'), cell: (r) => r.seq, rowHeader: true, className: 'pm-number' },
          { header: t('archivist.audit.col.at'), cell: (r) => <DateTime ms={r.at} now={now} compact />, className: 'pm-when' },
          { header: t('archivist.audit.col.actor'), cell: (r) => r.actor },
          { header: t('archivist.audit.col.action'), cell: (r) => <code className="pm-code">{r.action}</code> },
          { header: t('archivist.audit.col.subject'), cell: (r) => (r.subject ? <code className="pm-code">{r.subject}</code> : t('common.empty')) },
          {
            header: t('archivist.audit.col.details'),
            cell: (r) => {
              const entries = Object.entries(r.details);
              if (entries.length === 0) return t('common.empty');
              return (
                <dl className="pm-archive-details">
                  {entries.map(([k, v]) => (
                    <div key={k}>
                      <dt>{k}</dt>
                      <dd>{detailText(v)}</dd>
                    </div>
                  ))}
                </dl>
              );
            },
          },
        ]}
      />
    </Section>
  );
}
