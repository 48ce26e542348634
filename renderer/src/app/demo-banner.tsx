import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

/** Shown whenever the hub runs on seeded test data, so nobody mistakes it for real post. */
export function DemoBanner() {
  const { t } = useTranslation();
  return (
    <div className="pm-demo" data-testid="demo-banner">
      <Tag data-color="warning" className="pm-demo-tag">
        {t('app.demoTag')}
      </Tag>
      <span> – {t('app.demoText')}</span>
    </div>
  );
}
