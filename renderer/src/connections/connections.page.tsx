import { Alert, Button, Card, Field, Heading, Label, Paragraph, Select, Tag } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntegrationHealthDto } from '../../../electron/ipc/health.contract';
import type { IntegrationCardDto, ProbeResultDto } from '../../../electron/ipc/integrations-admin.contract';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { useQuery } from '../bridge/use-query.hook';
import { IntegrationHealthSummary } from '../health/integration-health-summary';
import { useMayCall } from '../session/may-call';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import { LoadingState } from '../shared/loading-state';
import { PageHeading } from '../shared/page-heading';
import { ConnectionEditor } from './connection-editor';
import { integrationsNb } from './connections.messages';
import { ProbeResult } from './probe-result';
import { useCronText } from './use-cron-text.hook';
import './connections.css';

const REFRESH = ['job.updated', 'status.changed'] as const;

const LOCALES = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' } as const;

const has = <T extends object>(o: T, k: string): k is keyof T & string => Object.prototype.hasOwnProperty.call(o, k);

/** The Integrasjoner screen (#17 item 1, it-admin): a card per integration, its form, "Test tilkobling". */
export function IntegrationsPage() {
  const { t } = useTranslation();
  const list = useQuery('integrationsAdmin.list', {});
  const mayCall = useMayCall();
  const health = useQuery('health.get', {}, { refreshOn: REFRESH });
  const [editing, setEditing] = useState<{ key: string; adding: boolean } | null>(null);

  return (
    <div className="pm-page">
      <PageHeading title={t('integrations.title')} intro={t('integrations.intro')} />
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <LoadingState label={t('common.loading')} />}
      {list.data && (
        <>
          {list.data.file && (
            <Paragraph data-size="sm" className="pm-muted" data-testid="integrations-file">
              {t('integrations.file', { file: list.data.file })}
            </Paragraph>
          )}
          {list.data.readOnlyReason && (
            <Alert data-color="info" data-testid="integrations-readonly">
              <Heading level={2} data-size="2xs">
                {t('integrations.readOnly')}
              </Heading>
              <Paragraph>{list.data.readOnlyReason}</Paragraph>
            </Alert>
          )}
          {editing && (
            <ConnectionEditor key={editing.key} integrationKey={editing.key} adding={editing.adding} onClose={() => setEditing(null)} onSaved={list.reload} />
          )}
          <section aria-labelledby="pm-int-cards" className="pm-section">
            <Heading level={2} data-size="sm" id="pm-int-cards">
              {t('integrations.cardsHeading')}
            </Heading>
            {list.data.cards.length === 0 && <Paragraph>{t('integrations.noneConfigured')}</Paragraph>}
            <div className="pm-int-cards">
              {list.data.cards.map((c) => (
                <IntegrationCard
                  key={c.key}
                  card={c}
                  timezone={list.data!.timezone}
                  health={health.data?.integrations.find((h) => h.integration === c.healthKey)}
                  healthNow={health.data?.checkedAt ?? 0}
                  showHealth={mayCall('health.get')}
                  onEdit={() => setEditing({ key: c.key, adding: false })}
                />
              ))}
            </div>
          </section>
          <AddIntegration available={list.data.available} onAdd={(key) => setEditing({ key, adding: true })} />
        </>
      )}
    </div>
  );
}

interface CardProps {
  card: IntegrationCardDto;
  timezone: string;
  health: IntegrationHealthDto | undefined;
  healthNow: number;
  showHealth: boolean;
  onEdit: () => void;
}

function IntegrationCard({ card, timezone, health, healthNow, showHealth, onEdit }: CardProps) {
  const { t, i18n } = useTranslation();
  const cronText = useCronText();
  const test = useAction('integrationsAdmin.test');
  const [probe, setProbe] = useState<ProbeResultDto | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [testing, setTesting] = useState(false);
  const headingId = useId();
  const locale = LOCALES[(i18n.language as keyof typeof LOCALES) ?? 'nb'] ?? 'nb-NO';
  const fmt = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: timezone });
  const id = `integration-${card.key.replace(':', '-')}`;
  // a limit in words with its unit (Tidsavbrudd: 30 s); one the screen has no name for keeps its config key
  const limitText = (field: string, value: number) => {
    const key = field.split('.').pop() ?? field;
    const name = has(integrationsNb.limitNames, key) ? t(`integrations.limitNames.${key}`) : key;
    const shown = key.endsWith('Ms') ? t('integrations.seconds', { n: new Intl.NumberFormat(locale).format(value / 1000) }) : new Intl.NumberFormat(locale).format(value);
    return `${name}: ${shown}`;
  };

  const runTest = async () => {
    if (testing) return;
    setTesting(true);
    setProbe(null);
    setFailure(null);
    const r = await test({ key: card.key });
    setTesting(false);
    if (r.ok) setProbe(r.value);
    else setFailure(r.error);
  };

  return (
    <Card className="pm-int-card" data-testid={id} aria-labelledby={headingId} data-color="neutral">
      <Heading level={3} data-size="xs" id={headingId}>
        {card.title}
      </Heading>
      <div className="pm-int-tags">
        <Tag data-color={card.enabled ? 'success' : 'neutral'} data-size="sm" data-testid={`${id}-enabled`}>
          {card.enabled ? t('integrations.enabled') : t('integrations.disabled')}
        </Tag>
        {card.kind && (
          <span className="pm-muted">
            {t('integrations.kind')}: {card.kind}
          </span>
        )}
      </div>
      <dl className="pm-facts">
        <div className="pm-fact">
          <dt>{t('integrations.endpoints')}</dt>
          <dd data-testid={`${id}-endpoints`}>
            {card.endpoints.length === 0
              ? t('integrations.none')
              : card.endpoints.map((e) => (
                  <span key={e.field} className="pm-block">
                    <code>{e.value}</code> <span className="pm-muted">({e.field})</span>
                  </span>
                ))}
          </dd>
        </div>
        <div className="pm-fact">
          <dt>{t('integrations.credentials')}</dt>
          <dd data-testid={`${id}-credentials`}>
            {card.credentials.length === 0
              ? t('integrations.none')
              : card.credentials.map((c) => (
                  <span key={c.field} className="pm-block">
                    <code>{c.secret}</code> – {c.exists ? t('integrations.secretExists') : <strong>{t('integrations.secretMissing')}</strong>} <span className="pm-muted">({c.field})</span>
                  </span>
                ))}
          </dd>
        </div>
        {card.schedules.length > 0 && (
          <div className="pm-fact">
            <dt>{t('integrations.schedules')}</dt>
            <dd data-testid={`${id}-schedules`}>
              {card.schedules.map((s) => (
                <span key={s.field} className="pm-block">
                  <span data-testid={`${id}-schedule-words`}>{cronText(s.cron)}</span> <span className="pm-muted">(<code>{s.cron}</code>, {s.field})</span>
                  {s.nextRuns.length > 0 && (
                    <span className="pm-block">
                      {t('integrations.nextRuns')}:{' '}
                      {s.nextRuns.map((ms, i) => (
                        <span key={ms}>
                          {i > 0 && '; '}
                          <time dateTime={new Date(ms).toISOString()}>{fmt.format(ms)}</time>
                        </span>
                      ))}
                    </span>
                  )}
                </span>
              ))}
            </dd>
          </div>
        )}
        <div className="pm-fact">
          <dt>{t('integrations.limits')}</dt>
          <dd data-testid={`${id}-limits`}>
            {card.limits.length === 0
              ? t('integrations.none')
              : card.limits.map((l) => (
                  <span key={l.field} className="pm-block">
                    {limitText(l.field, l.value)} <span className="pm-muted">({l.field})</span>
                  </span>
                ))}
          </dd>
        </div>
      </dl>
      {showHealth && (
        <div className="pm-int-health">
          <Heading level={4} data-size="2xs">
            {t('integrations.health')}
          </Heading>
          {health ? <IntegrationHealthSummary health={health} now={healthNow} /> : <Paragraph data-size="sm">{t('integrations.healthUnknown')}</Paragraph>}
        </div>
      )}
      <div className="pm-actions">
        <Button variant="secondary" data-size="sm" onClick={onEdit} aria-describedby={headingId}>
          {t('integrations.edit')}
        </Button>
        <Button variant="secondary" data-size="sm" loading={testing} onClick={() => void runTest()} aria-describedby={headingId} data-testid={`${id}-test`}>
          {testing ? t('integrations.testing') : t('integrations.test')}
        </Button>
      </div>
      <LiveRegion className="pm-live">
        {failure && <ErrorAlert error={failure} title={t('errors.actionTitle')} headingLevel={3} />}
        {probe && <ProbeResult result={probe} headingLevel={4} testId={`${id}-probe`} />}
      </LiveRegion>
    </Card>
  );
}

function AddIntegration({ available, onAdd }: { available: { key: string; title: string }[]; onAdd: (key: string) => void }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState(available[0]?.key ?? '');
  const id = useId();
  const selected = available.some((a) => a.key === choice) ? choice : (available[0]?.key ?? '');
  return (
    <section aria-labelledby="pm-int-add" className="pm-section">
      <Heading level={2} data-size="sm" id="pm-int-add">
        {t('integrations.addHeading')}
      </Heading>
      {available.length === 0 ? (
        <Paragraph>{t('integrations.allConfigured')}</Paragraph>
      ) : (
        <div className="pm-actions">
          <Field>
            <Label htmlFor={id}>{t('integrations.addLabel')}</Label>
            <Select id={id} value={selected} onChange={(e) => setChoice(e.target.value)} width="auto">
              {available.map((a) => (
                <Select.Option key={a.key} value={a.key}>
                  {a.title}
                </Select.Option>
              ))}
            </Select>
          </Field>
          <Button variant="secondary" onClick={() => selected && onAdd(selected)}>
            {t('integrations.addButton')}
          </Button>
        </div>
      )}
    </section>
  );
}
