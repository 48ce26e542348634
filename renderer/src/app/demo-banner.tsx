import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

/**
 * Shown in the header whenever the hub runs on seeded test data, so nobody mistakes it for real
 * post. A tag on the header's line; the explanation beside it shows where the line has room and
 * is read by screen readers everywhere.
 */
export function DemoBanner({ aheadMs = 0 }: { aheadMs?: number }) {
  const { t } = useTranslation();
  const days = Math.round(aheadMs / 86_400_000);
  return (
    <span className="pm-demo" data-testid="demo-banner">
      <Tag data-color="warning" data-size="sm" className="pm-demo-tag">
        {t('app.demoTag')}
      </Tag>
      <span className="pm-demo-text">
        <span> – {t('app.demoText')}</span>
        {days > 0 && <span data-testid="demo-clock"> · {t('app.demoClockAhead', { count: days })}</span>}
      </span>
    </span>
  );
}
