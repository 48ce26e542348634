import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { SecretVersionDto } from '../../../electron/ipc/secrets.contract';
import { useFormat } from '../i18n/use-format.hook';

/** «om 12 dager» / «utløpt for 3 dager siden», from the hub's whole days left. */
export function useDaysText() {
  const { t } = useTranslation();
  return (daysLeft: number) =>
    daysLeft > 0 ? t('secrets.daysLeft', { count: daysLeft }) : daysLeft === 0 ? t('secrets.expiredToday') : t('secrets.expiredDaysAgo', { count: -daysLeft });
}

/** Expiry as date, days left in words, and a tag within the warning window (warning) or once expired (danger): never colour alone. */
export function SecretExpiry({ version, testId }: { version: SecretVersionDto; testId?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const daysText = useDaysText();
  if (version.notAfter === null || version.daysLeft === null) return <span className="pm-muted">{t('secrets.noExpiry')}</span>;
  return (
    <span className="pm-secret-expiry" data-testid={testId}>
      <time dateTime={format.machine(version.notAfter)} title={format.dateTime(version.notAfter)}>
        {format.date(version.notAfter)}
      </time>{' '}
      <span className="pm-muted">({daysText(version.daysLeft)})</span>
      {version.expiry === 'warning' && (
        <>
          {' '}
          <Tag data-color="warning" data-size="sm">
            {t('secrets.tagWarning')}
          </Tag>
        </>
      )}
      {version.expiry === 'expired' && (
        <>
          {' '}
          <Tag data-color="danger" data-size="sm">
            {t('secrets.tagExpired')}
          </Tag>
        </>
      )}
    </span>
  );
}
