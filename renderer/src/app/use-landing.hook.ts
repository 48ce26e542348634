import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session.context';
import { appRoutes, landingPath } from './routes';

/** The user's own start page (by role) and its name, for the "Gå til Innboks" ways back from an error. */
export function useLanding(): { path: `/${string}`; label: string } {
  const { t } = useTranslation();
  const session = useSession();
  const path = session ? landingPath(session.user.roles) : '/';
  const route = appRoutes.find((r) => r.path === path);
  return { path, label: t('shell.backTo', { page: route ? t(route.labelKey) : t('nav.status') }) };
}
