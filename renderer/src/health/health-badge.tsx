import { Link } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useQuery } from '../bridge/use-query.hook';
import { HealthStateTag } from './health-state-tag';
import { INTEGRATION_HEALTH_ANCHOR } from './integration-health-panel';

/**
 * The overall state in the header, for every user (#17 item 3): OK, Degradert or Nede in words.
 * A job finishing or the hub changing state refetches it. IT (whom the hub gives the details)
 * gets a link to the integration health on the Status page. Shows nothing until the hub has
 * answered, and nothing when it cannot: the header is no place for an error.
 */
export function HealthBadge() {
  const { t } = useTranslation();
  const health = useQuery('health.get', {}, { refreshOn: ['job.updated', 'status.changed'] });
  const data = health.data;
  if (!data) return null;
  const label = t('health.badge.label', { state: t(`health.states.${data.state}`) });
  return (
    <span data-testid="health-badge" style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: 'var(--ds-size-2)' }}>
      <HealthStateTag state={data.state} label={label} testId="health-badge-state" />
      {data.details && (
        <Link asChild data-size="sm">
          <RouterLink to={`/#${INTEGRATION_HEALTH_ANCHOR}`}>{t('health.badge.details')}</RouterLink>
        </Link>
      )}
    </span>
  );
}
