import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

/** Shown whenever the hub runs on seeded test data, so nobody mistakes it for real post. */
export function DemoBanner({ aheadMs = 0 }: { aheadMs?: number }) {
  const { t } = useTranslation();
  const days = Math.round(aheadMs / 86_400_000);
  return (
    <div className="pm-demo" data-testid="demo-banner">
      <Tag data-color="warning" className="pm-demo-tag">
        {t('app.demoTag')}
      </Tag>
      <span> – {t('app.demoText')}</span>
      {days > 0 && <span data-testid="demo-clock"> · {t('app.demoClockAhead', { count: days })}</span>}
    </div>
  );
}
