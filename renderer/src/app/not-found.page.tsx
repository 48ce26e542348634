import { Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { PageHeading } from '../shared/page-heading';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="pm-page">
      <PageHeading title={t('notFound.title')} />
      <Paragraph>{t('notFound.body')}</Paragraph>
      <Link asChild>
        <RouterLink to="/">{t('notFound.back')}</RouterLink>
      </Link>
    </div>
  );
}
