import type { ComponentType } from 'react';
import { JobsPage } from '../jobs/jobs.page';
import type { Messages } from '../i18n/nb';
import { StatusPage } from '../status/status.page';

export interface AppRoute {
  /** Absolute path inside the hash router. */
  path: `/${string}`;
  /** Nav label and page title. */
  labelKey: `nav.${keyof Messages['nav']}`;
  Component: ComponentType;
}

/** The single route table: nav, titles and the router all come from here. A new screen is one entry. */
export const appRoutes: readonly AppRoute[] = [
  { path: '/', labelKey: 'nav.status', Component: StatusPage },
  { path: '/jobber', labelKey: 'nav.jobs', Component: JobsPage },
];
