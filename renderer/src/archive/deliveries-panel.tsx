import { Button, Card, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { DeliveryRowDto } from '../../../electron/ipc/archivist.contract';
import type { AppError, HubResult } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { useQuery } from '../bridge/use-query.hook';
import { ReasonDialog } from '../app/reason.dialog';
import { caseHref } from '../case/case-href';
import { DataTable } from '../shared/data-table';
import { DateTime } from '../shared/date-time';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import { LoadingState } from '../shared/loading-state';
import { Section } from '../shared/section';
import { useNow } from '../shared/use-now.hook';
import { DELIVERY_STATE_ORDER, deliveryStateColor, deliveryStateLabel, isNoTransport, transportLabel, typeLabel } from './archive-labels';

// archivist.contract.ts: a reason or note is trimmed, 3 to 500 characters
const REASON_MIN = 3;

type Counts = { transport: string; state: DeliveryRowDto['state']; count: number }[];
type Action = 'retry' | 'recreate' | 'handled';
type Outcome = { kind: 'ok'; action: Action; row: DeliveryRowDto; title: string } | { kind: 'error'; error: AppError } | null;

/** Deliveries to sak/arkiv: counts per transport and state, the refused ones first with what can be done about them. */
export function DeliveriesPanel() {
  const { t } = useTranslation();
  // a delivery job finishing changes the figures
  const query = useQuery('archivist.deliveries', { limit: 200 }, { refreshOn: ['job.updated'] });
  const [outcome, setOutcome] = useState<Outcome>(null);
  const data = query.data;
  const refused = data?.rows.filter((r) => r.state === 'failed') ?? [];
  const others = data?.rows.filter((r) => r.state !== 'failed') ?? [];

  const done = (action: Action, title: string, result: HubResult<DeliveryRowDto>) => {
    setOutcome(result.ok ? { kind: 'ok', action, row: result.value, title } : { kind: 'error', error: result.error });
    if (result.ok) query.reload();
  };

  return (
    <div className="pm-archive-stack">
      {query.error && <ErrorAlert error={query.error} onRetry={query.reload} />}
      {!data && query.loading && <LoadingState label={t('archivist.deliveries.loading')} />}
      {data && (
        <>
          <CountsTable counts={data.counts} />
          <Section id="archive-refused-heading" title={t('archivist.deliveries.refusedHeading')}>
            <LiveRegion className="pm-live">
              {outcome?.kind === 'ok' && <OutcomeText outcome={outcome} />}
              {outcome?.kind === 'error' && <ErrorAlert error={outcome.error} title={t('errors.actionTitle')} headingLevel={3} />}
            </LiveRegion>
            {refused.length === 0 ? (
              <Paragraph data-testid="archive-refused-none">{t('archivist.deliveries.refusedNone')}</Paragraph>
            ) : (
              <>
                <Paragraph>{t('archivist.deliveries.refusedIntro', { count: refused.length })}</Paragraph>
                <ul className="pm-archive-refused" data-testid="archive-refused">
                  {refused.map((row) => (
                    <li key={row.entryKey}>
                      <RefusedEntry row={row} onDone={done} />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Section>
          <OthersTable rows={others} />
        </>
      )}
    </div>
  );
}

function OutcomeText({ outcome }: { outcome: Extract<NonNullable<Outcome>, { kind: 'ok' }> }) {
  const { t } = useTranslation();
  const state = deliveryStateLabel(t, outcome.row.state);
  const text =
    outcome.action === 'retry'
      ? t('archivist.deliveries.resultRetry', { title: outcome.title, state })
      : outcome.action === 'recreate'
        ? t('archivist.deliveries.resultRecreate', { title: outcome.title, state })
        : t('archivist.deliveries.resultHandled', { title: outcome.title });
  return (
    <Paragraph data-testid="archive-action-result" className="pm-archive-result">
      {text}
    </Paragraph>
  );
}

function CountsTable({ counts }: { counts: Counts }) {
  const { t } = useTranslation();
  const transports = [...new Set(counts.map((c) => c.transport))];
  const count = (transport: string, state: DeliveryRowDto['state']) => counts.filter((c) => c.transport === transport && c.state === state).reduce((n, c) => n + c.count, 0);
  return (
    <Section id="archive-counts-table-heading" title={t('archivist.deliveries.countsHeading')}>
      <DataTable
        rows={transports}
        rowKey={(tr) => tr}
        rowTestId={(tr) => `archive-counts-${isNoTransport(tr) ? 'none' : tr}`}
        labelledBy="archive-counts-table-heading"
        testId="archive-counts-table"
        empty={t('archivist.deliveries.othersNone')}
        columns={[
          { header: t('archivist.deliveries.transport'), cell: (tr) => transportLabel(t, tr), rowHeader: true },
          ...DELIVERY_STATE_ORDER.map((state) => ({
            header: deliveryStateLabel(t, state),
            className: 'pm-number',
            cell: (tr: string) => {
              const n = count(tr, state);
              return state === 'failed' && n > 0 ? <strong className="pm-archive-alarm">{n}</strong> : n;
            },
          })),
          { header: t('archivist.deliveries.total'), className: 'pm-number', cell: (tr) => counts.filter((c) => c.transport === tr).reduce((n, c) => n + c.count, 0) },
        ]}
      />
    </Section>
  );
}

function CaseLink({ row }: { row: DeliveryRowDto }) {
  const { t } = useTranslation();
  return (
    <Link asChild>
      <RouterLink to={caseHref(row.publicId)}>{row.caseNumber ?? t('archivist.deliveries.caseLink')}</RouterLink>
    </Link>
  );
}

function RefusedEntry({ row, onDone }: { row: DeliveryRowDto; onDone: (action: Action, title: string, result: HubResult<DeliveryRowDto>) => void }) {
  const { t } = useTranslation();
  const now = useNow();
  const retry = useAction('archivist.retry');
  const recreate = useAction('archivist.recreateCaseFile');
  const markHandled = useAction('archivist.markHandled');
  const [pending, setPending] = useState<Action | null>(null);
  const [asking, setAsking] = useState<'recreate' | 'handled' | null>(null);
  const headingId = `refused-${row.entryKey.replace(/[^A-Za-z0-9_-]/g, '_')}`;

  const run = async (action: Action, call: () => Promise<HubResult<DeliveryRowDto>>) => {
    if (pending) return;
    setPending(action);
    const result = await call();
    setPending(null);
    setAsking(null);
    onDone(action, row.title, result);
  };

  return (
    <Card asChild data-color="neutral" className="pm-archive-refused-entry">
      <article aria-labelledby={headingId} data-testid={`archive-refused-${row.entryKey}`}>
      <Heading level={3} data-size="xs" id={headingId}>
        {row.title}
      </Heading>
      <dl className="pm-facts">
        <div className="pm-fact">
          <dt>{t('archivist.deliveries.case')}</dt>
          <dd data-testid="refused-case">
            <CaseLink row={row} />
          </dd>
        </div>
        <div className="pm-fact">
          <dt>{t('archivist.deliveries.type')}</dt>
          <dd>{typeLabel(t, row.journalposttype)}</dd>
        </div>
        <div className="pm-fact">
          <dt>{t('archivist.deliveries.transport')}</dt>
          <dd>{transportLabel(t, row.transport)}</dd>
        </div>
        <div className="pm-fact">
          <dt>{t('archivist.deliveries.updated')}</dt>
          <dd>
            <DateTime ms={row.updatedAt} now={now} />
          </dd>
        </div>
      </dl>
      <div>
        <Paragraph data-size="sm" className="pm-muted">
          {t('archivist.deliveries.message')}
        </Paragraph>
        <blockquote className="pm-archive-message" data-testid="refused-message">
          {row.lastError ?? t('archivist.deliveries.noMessage')}
        </blockquote>
      </div>
      <div className="pm-actions">
        {row.can.retry && (
          <Button data-size="sm" loading={pending === 'retry'} aria-label={t('archivist.deliveries.retryLabel', { title: row.title })} onClick={() => void run('retry', () => retry({ entryKey: row.entryKey }))}>
            {t('archivist.deliveries.retry')}
          </Button>
        )}
        {row.can.recreateCaseFile && (
          <Button data-size="sm" variant="secondary" aria-label={t('archivist.deliveries.recreateLabel', { title: row.title })} onClick={() => setAsking('recreate')}>
            {t('archivist.deliveries.recreate')}
          </Button>
        )}
        {row.can.markHandled && (
          <Button data-size="sm" variant="secondary" aria-label={t('archivist.deliveries.markHandledLabel', { title: row.title })} onClick={() => setAsking('handled')}>
            {t('archivist.deliveries.markHandled')}
          </Button>
        )}
      </div>
      {asking === 'recreate' && (
        <ReasonDialog
          title={t('archivist.deliveries.recreateTitle')}
          body={t('archivist.deliveries.recreateBody')}
          label={t('archivist.deliveries.reason')}
          hint={t('archivist.deliveries.reasonHint')}
          required={t('archivist.deliveries.reasonRequired')}
          minLength={REASON_MIN}
          confirmLabel={t('archivist.deliveries.recreateConfirm')}
          pending={pending === 'recreate'}
          onConfirm={(reason) => void run('recreate', () => recreate({ entryKey: row.entryKey, reason }))}
          onCancel={() => setAsking(null)}
          testId="archive-recreate-dialog"
        />
      )}
      {asking === 'handled' && (
        <ReasonDialog
          title={t('archivist.deliveries.markHandledTitle')}
          body={t('archivist.deliveries.markHandledBody')}
          label={t('archivist.deliveries.note')}
          hint={t('archivist.deliveries.noteHint')}
          required={t('archivist.deliveries.noteRequired')}
          minLength={REASON_MIN}
          confirmLabel={t('archivist.deliveries.markHandledConfirm')}
          pending={pending === 'handled'}
          onConfirm={(note) => void run('handled', () => markHandled({ entryKey: row.entryKey, note }))}
          onCancel={() => setAsking(null)}
          testId="archive-handled-dialog"
        />
      )}
      </article>
    </Card>
  );
}

function OthersTable({ rows }: { rows: DeliveryRowDto[] }) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <Section id="archive-others-heading" title={t('archivist.deliveries.othersHeading')}>
      <DataTable
        rows={rows}
        rowKey={(r) => r.entryKey}
        rowTestId={(r) => `archive-delivery-${r.entryKey}`}
        labelledBy="archive-others-heading"
        testId="archive-deliveries"
        empty={t('archivist.deliveries.othersNone')}
        columns={[
          { header: t('archivist.deliveries.title'), cell: (r) => r.title, rowHeader: true, className: 'pm-title-cell' },
          { header: t('archivist.deliveries.caseNumber'), cell: (r) => <CaseLink row={r} />, className: 'pm-nowrap' },
          { header: t('archivist.deliveries.type'), cell: (r) => typeLabel(t, r.journalposttype) },
          {
            header: t('archivist.deliveries.state'),
            cell: (r) => (
              <>
                <Tag data-color={deliveryStateColor(r.state)} data-size="sm" data-testid="delivery-state">
                  {deliveryStateLabel(t, r.state)}
                </Tag>
                {r.state === 'handled' && r.handledBy && (
                  <span className="pm-block pm-muted">{t('archivist.deliveries.handledBy', { name: r.handledBy, note: r.handledNote ?? '' })}</span>
                )}
              </>
            ),
          },
          { header: t('archivist.deliveries.transport'), cell: (r) => transportLabel(t, r.transport) },
          { header: t('archivist.deliveries.updated'), cell: (r) => <DateTime ms={r.updatedAt} now={now} compact />, className: 'pm-when' },
        ]}
      />
    </Section>
  );
}
