import { useTranslation } from 'react-i18next';
import { PageHeading } from '../shared/page-heading';

/** #17: placeholder, filled by the feature that owns it. */
export function OperationsPage() {
  const { t } = useTranslation();
  return <PageHeading title={t('operations.title')} />;
}
