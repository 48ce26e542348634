import type { ComponentType } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { ChannelName } from '../../../electron/ipc/contract';
import type { Role } from '../../../electron/ipc/desk.contract';
import { AlertsPage } from '../alerts/alerts.page';
import { ArchivePage } from '../archive/archive.page';
import { CasePage } from '../case/case.page';
import { DesignerPage } from '../designer/designer.page';
import { MappingEditorPage } from '../designer/mapping-editor.page';
import { RulesEditorPage } from '../designer/rules-editor.page';
import { InboxPage } from '../inbox/inbox.page';
import { IntegrationsPage } from '../connections/connections.page';
import { JobsPage } from '../jobs/jobs.page';
import { LogsPage } from '../logs/logs.page';
import { OperationsPage } from '../operations/operations.page';
import type { Messages } from '../i18n/nb';
import { RepliesPage } from '../replies/replies.page';
import { SecretsPage } from '../secrets/secrets.page';
import { useSession, useSessionSettled } from '../session/session.context';
import { StatusPage } from '../status/status.page';

export interface AppRoute {
  /** Absolute path inside the hash router. */
  path: `/${string}`;
  /** Nav label and page title. */
  labelKey: `nav.${keyof Messages['nav']}`;
  Component: ComponentType;
  /** Sub-pages (a detail view) get a title but no nav entry; their section's entry stays marked. */
  inNav?: false;
  /** The channel the page reads: its nav entry is hidden from a user whose roles may not call it. */
  reads: ChannelName;
}

/**
 * Where a user lands when the app opens, by the first of their roles (the one they work as):
 * caseworkers and leaders on Innboks, the archivist on Arkiv, IT on Integrasjoner (#14, #17).
 * A user with no role starts on the status page ('/').
 */
export const ROLE_LANDING: Record<Role, `/${string}`> = { saksbehandler: '/innboks', leder: '/innboks', arkivar: '/arkiv', 'it-admin': '/integrasjoner' };

export const landingPath = (roles: readonly Role[]): `/${string}` => (roles[0] && ROLE_LANDING[roles[0]]) || '/';

/**
 * The start page: the status page, or, when the app has just opened (the history's first entry,
 * key 'default') for a user with a landing page of their own, that page instead. It waits for the
 * hub to say who is at the desk, so the status page never flashes before the landing page. Later
 * visits to '/' (the nav's Status) stay here, and the replaced first entry never sends Back round again.
 */
function StartPage() {
  const session = useSession();
  const settled = useSessionSettled();
  const location = useLocation();
  if (!settled) return null;
  const landing = session ? landingPath(session.user.roles) : '/';
  if (location.key === 'default' && landing !== '/') return <Navigate to={landing} replace />;
  return <StatusPage />;
}

/** The single route table: nav, titles and the router all come from here. A new screen is one entry. */
export const appRoutes: readonly AppRoute[] = [
  { path: '/innboks', labelKey: 'nav.inbox', Component: InboxPage, reads: 'cases.list' },
  { path: '/innboks/:publicId', labelKey: 'nav.submission', Component: CasePage, inNav: false, reads: 'cases.work' },
  { path: '/svar', labelKey: 'nav.replies', Component: RepliesPage, reads: 'replies.list' },
  { path: '/', labelKey: 'nav.status', Component: StartPage, reads: 'system.status' },
  { path: '/jobber', labelKey: 'nav.jobs', Component: JobsPage, reads: 'jobs.list' },
  { path: '/arkiv', labelKey: 'nav.archive', Component: ArchivePage, reads: 'archivist.deliveries' },
  // #17 IT administration
  { path: '/integrasjoner', labelKey: 'nav.integrations', Component: IntegrationsPage, reads: 'integrationsAdmin.list' },
  { path: '/sertifikater', labelKey: 'nav.secrets', Component: SecretsPage, reads: 'secrets.list' },
  { path: '/varsler', labelKey: 'nav.alerts', Component: AlertsPage, reads: 'alerts.list' },
  { path: '/logger', labelKey: 'nav.logs', Component: LogsPage, reads: 'logs.query' },
  { path: '/drift', labelKey: 'nav.operations', Component: OperationsPage, reads: 'upkeep.overview' },
  { path: '/designer', labelKey: 'nav.designer', Component: DesignerPage, reads: 'mappings.list' },
  { path: '/designer/mapping/:profileId/:target', labelKey: 'nav.designerMapping', Component: MappingEditorPage, inNav: false, reads: 'mappings.versions' },
  { path: '/designer/regler/:profileId', labelKey: 'nav.designerRules', Component: RulesEditorPage, inNav: false, reads: 'rules.versions' },
];
