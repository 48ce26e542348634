import { Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { PageHeading } from '../shared/page-heading';
import { useLanding } from './use-landing.hook';

/** An address the app does not know: say so, and offer the way to the user's own start page by name. */
export function NotFoundPage() {
  const { t } = useTranslation();
  const landing = useLanding();
  return (
    <div className="pm-page">
      <PageHeading title={t('notFound.title')} />
      <Paragraph>{t('notFound.body')}</Paragraph>
      <Paragraph>
        <Link asChild>
          <RouterLink to={landing.path} data-testid="not-found-back">
            {landing.label}
          </RouterLink>
        </Link>
      </Paragraph>
    </div>
  );
}
