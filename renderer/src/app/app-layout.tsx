import { Button, SkipLink } from '@digdir/designsystemet-react';
import { MenuHamburgerIcon, XMarkIcon } from '@navikt/aksel-icons';
import { type KeyboardEvent, type MouseEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import type { Session } from '../../../electron/ipc/desk.contract';
import { useQuery } from '../bridge/use-query.hook';
import { DeskUser } from '../session/desk-user';
import { mayCall } from '../session/may-call';
import { SessionProvider } from '../session/session.context';
import { HealthBadge } from '../health/health-badge';
import { AlertCount } from '../alerts/alert-count';
import { DemoBanner } from './demo-banner';
import { syncHubClock, useHubClockOffset } from '../shared/use-now.hook';
import { LanguageSwitcher } from './language-switcher';
import { appRoutes, landingPath } from './routes';
import { ShellToast, type Toast } from './shell-toast';
import { WaitingBanner } from './waiting-banner';

const NAV_ID = 'pm-main-nav';

export function AppLayout() {
  const { t } = useTranslation();
  // One status query for the shell: the demo tag and what is waiting to be sent (job.updated keeps the latter fresh).
  const status = useQuery('system.status', {}, { refreshOn: ['job.updated', 'status.changed'] });
  const session = useQuery('session.get', {});
  // Bumped after a user switch: the page remounts, so every query on it refetches as the new user.
  const [switches, setSwitches] = useState(0);
  const [toast, setToast] = useState<Toast | null>(null);
  // The nav is always shown on wide windows; on narrow ones (200 % zoom and more) it folds behind the menu button.
  const [navOpen, setNavOpen] = useState(false);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const mainRef = useRef<HTMLElement>(null);
  const lastPath = useRef(pathname);
  const current = appRoutes.find((route) => matchPath({ path: route.path, end: true }, pathname));
  const pageName = current ? t(current.labelKey) : null;

  useEffect(() => {
    document.title = pageName ? t('app.pageTitle', { page: pageName }) : t('app.name');
  }, [pageName, t]);

  // After client-side navigation, put focus on the new page's h1 like a page load would (and fold the narrow menu).
  useEffect(() => {
    if (lastPath.current === pathname) return;
    lastPath.current = pathname;
    setNavOpen(false);
    // A page that placed focus itself keeps it: «Tilbake» to Innboks focuses the row the user came from, and when
    // the rows come from the cache that happens in this same commit, before this (the parent's) effect runs.
    const focused = document.activeElement;
    if (focused && focused !== document.body && focused !== mainRef.current && mainRef.current?.contains(focused)) return;
    const target = mainRef.current?.querySelector<HTMLElement>('h1') ?? mainRef.current;
    target?.focus();
  }, [pathname]);

  const skipToMain = (event: MouseEvent) => {
    // A '#main-content' hash would be taken as a route by the hash router.
    event.preventDefault();
    mainRef.current?.focus();
  };

  const closeNav = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !navOpen) return;
    event.preventDefault();
    setNavOpen(false);
    menuButtonRef.current?.focus();
  };

  const switched = (next: Session) => {
    session.reload();
    setSwitches((n) => n + 1);
    setToast((previous) => ({ id: (previous?.id ?? 0) + 1, text: t('session.switched', { name: next.user.name }), testId: 'desk-user-switched' }));
    // On the start page, or on a page the new user may not read (it would only show a refusal), the new user
    // goes to their own landing page; elsewhere (a case, a list) they stay where the previous user was.
    if (current && (current.path === '/' || !mayCall(next, current.reads))) void navigate(landingPath(next.user.roles));
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
          <Button
            ref={menuButtonRef}
            variant="tertiary"
            data-size="sm"
            className="pm-menu-button"
            aria-expanded={navOpen}
            aria-controls={NAV_ID}
            onClick={() => setNavOpen((open) => !open)}
            onKeyDown={closeNav}
            data-testid="nav-toggle"
          >
            {navOpen ? <XMarkIcon aria-hidden /> : <MenuHamburgerIcon aria-hidden />}
            {t('shell.menu')}
          </Button>
          <span className="pm-brand">{t('app.name')}</span>
          {status.data?.demo && <DemoBanner aheadMs={aheadMs} />}
          <div className="pm-header-tools">
            <HealthBadge />
            <AlertCount session={session.data} />
            {session.data ? (
              <DeskUser session={session.data} onSwitched={switched}>
                <LanguageSwitcher />
              </DeskUser>
            ) : (
              // a host without a desk (no session) still lets the user choose the language, on the header's line
              !session.loading && <LanguageSwitcher inline />
            )}
          </div>
        </div>
      </header>
      <div className="pm-body">
        <nav id={NAV_ID} aria-label={t('app.mainNav')} className={navOpen ? 'pm-nav pm-nav--open' : 'pm-nav'} onKeyDown={closeNav}>
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
          <SessionProvider session={session.data ?? null} settled={!session.loading || session.data !== undefined}>
            <Outlet key={switches} />
          </SessionProvider>
        </main>
      </div>
      <ShellToast toast={toast} onDone={() => setToast(null)} />
    </div>
  );
}
