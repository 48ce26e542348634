import { createHashRouter, createMemoryRouter, type RouteObject } from 'react-router';
import { AppLayout } from './app-layout';
import { NotFoundPage } from './not-found.page';
import { RouteErrorPage } from './route-error.page';
import { appRoutes } from './routes';

function routeObjects(): RouteObject[] {
  const pages: RouteObject[] = appRoutes.map((route) =>
    route.path === '/' ? { index: true, Component: route.Component } : { path: route.path.slice(1), Component: route.Component },
  );
  return [
    {
      path: '/',
      Component: AppLayout,
      errorElement: <RouteErrorPage />,
      // The pathless child keeps header and nav on screen when a page throws.
      children: [{ errorElement: <RouteErrorPage />, children: [...pages, { path: '*', Component: NotFoundPage }] }],
    },
  ];
}

/** Hash routing works the same from http:// (headless) and file:// (Electron). */
export const createAppRouter = (initialPath?: string) =>
  initialPath === undefined ? createHashRouter(routeObjects()) : createMemoryRouter(routeObjects(), { initialEntries: [initialPath] });
