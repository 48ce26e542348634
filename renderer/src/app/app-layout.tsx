import { SkipLink } from '@digdir/designsystemet-react';
import { type MouseEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, NavLink, Outlet, useLocation } from 'react-router';
import { useQuery } from '../bridge/use-query.hook';
import { DeskUser } from '../session/desk-user';
import { mayCall } from '../session/may-call';
import { SessionProvider } from '../session/session.context';
import { HealthBadge } from '../health/health-badge';
import { AlertCount } from '../alerts/alert-count';
import { DemoBanner } from './demo-banner';
import { syncHubClock, useHubClockOffset } from '../shared/use-now.hook';
import { LanguageSwitcher } from './language-switcher';
import { appRoutes } from './routes';
import { WaitingBanner } from './waiting-banner';

export function AppLayout() {
  const { t } = useTranslation();
  // One status query for the shell: the demo banner and what is waiting to be sent (job.updated keeps the latter fresh).
  const status = useQuery('system.status', {}, { refreshOn: ['job.updated', 'status.changed'] });
  const session = useQuery('session.get', {});
  // Bumped after a user switch: the page remounts, so every query on it refetches as the new user.
  const [switches, setSwitches] = useState(0);
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const lastPath = useRef(pathname);
  const current = appRoutes.find((route) => matchPath({ path: route.path, end: true }, pathname));
  const pageName = current ? t(current.labelKey) : null;

  useEffect(() => {
    document.title = pageName ? t('app.pageTitle', { page: pageName }) : t('app.name');
  }, [pageName, t]);

  // After client-side navigation, put focus on the new page's h1 like a page load would.
  useEffect(() => {
    if (lastPath.current === pathname) return;
    lastPath.current = pathname;
    const target = mainRef.current?.querySelector<HTMLElement>('h1') ?? mainRef.current;
    target?.focus();
  }, [pathname]);

  const skipToMain = (event: MouseEvent) => {
    // A '#main-content' hash would be taken as a route by the hash router.
    event.preventDefault();
    mainRef.current?.focus();
  };

  // only the demo's clock is ever moved; a real hub runs on the machine's time
  const hubTime = status.data ? (status.data.demo ? status.data.now : null) : undefined;
  useEffect(() => {
    if (hubTime !== undefined) syncHubClock(hubTime);
  }, [hubTime]);
  const aheadMs = useHubClockOffset();

  return (
    <div className="pm-shell">
      <SkipLink href="#main-content" onClick={skipToMain}>
        {t('app.skipLink')}
      </SkipLink>
      <header className="pm-header">
        <div className="pm-header-bar">
          <span className="pm-brand">{t('app.name')}</span>
          <div className="pm-header-tools">
            <HealthBadge />
            <AlertCount session={session.data} />
            <DeskUser
              session={session.data ?? null}
              onSwitched={() => {
                session.reload();
                setSwitches((n) => n + 1);
              }}
            />
            <LanguageSwitcher />
          </div>
        </div>
        {status.data?.demo && <DemoBanner aheadMs={aheadMs} />}
      </header>
      <div className="pm-body">
        <nav aria-label={t('app.mainNav')} className="pm-nav">
          <ul>
            {appRoutes
              .filter((route) => route.inNav !== false && mayCall(session.data, route.reads))
              .map((route) => (
                <li key={route.path}>
                  {/* Inside a section (a detail page) the entry is marked as current, but not as this page. */}
                  <NavLink
                    to={route.path}
                    end={route.path === '/'}
                    aria-current={route === current ? 'page' : 'true'}
                  >
                    {t(route.labelKey)}
                  </NavLink>
                </li>
              ))}
          </ul>
        </nav>
        <main id="main-content" tabIndex={-1} ref={mainRef} className="pm-main">
          <WaitingBanner status={status.data} />
          <SessionProvider session={session.data ?? null}>
            <Outlet key={switches} />
          </SessionProvider>
        </main>
      </div>
    </div>
  );
}
