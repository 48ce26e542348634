import { useTranslation } from 'react-i18next';
import { PageHeading } from '../shared/page-heading';

/** #17: placeholder, filled by the feature that owns it. */
export function SecretsPage() {
  const { t } = useTranslation();
  return <PageHeading title={t('secrets.title')} />;
}
