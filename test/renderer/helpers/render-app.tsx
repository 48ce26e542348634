import { render } from '@testing-library/react';
import { App } from '../../../renderer/src/app/app';
import type { FakeBridge } from '../../../renderer/src/bridge/fake-bridge';
import { createI18n, type UiLanguage } from '../../../renderer/src/i18n/i18n';

/** The whole app (layout, nav, router) on a fake bridge, in memory routing. */
export function renderApp(bridge: FakeBridge, options: { path?: string; language?: UiLanguage } = {}) {
  const i18n = createI18n(options.language ?? 'nb');
  const result = render(<App bridge={bridge} i18n={i18n} initialPath={options.path ?? '/'} />);
  return { ...result, i18n };
}
