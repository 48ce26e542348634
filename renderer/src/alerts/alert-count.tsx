import { Link } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { Session } from '../../../electron/ipc/desk.contract';
import { useQuery } from '../bridge/use-query.hook';

function OpenAlertsLink() {
  const { t } = useTranslation();
  const count = useQuery('alerts.count', {}, { refreshOn: ['status.changed'] });
  const open = count.data?.open ?? 0;
  // nothing to say when all is well (or the hub has not answered): the header stays calm
  if (open === 0) return null;
  return (
    <Link asChild data-size="sm" data-color="danger" data-testid="alert-count">
      <RouterLink to="/varsler">{t('alerts.badge.label', { count: open })}</RouterLink>
    </Link>
  );
}

/**
 * The open incidents in the header, for IT (#17 item 4): "2 åpne varsler" linking to Varsler.
 * Only a user whose roles may call alerts.count gets it (the layout's session says so); it
 * refreshes when the hub says its state changed.
 */
export function AlertCount({ session }: { session: Session | null | undefined }) {
  if (!session?.allowed.includes('alerts.count')) return null;
  return <OpenAlertsLink />;
}
