import type { i18n } from 'i18next';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import type { Bridge } from '../bridge/bridge';
import { BridgeProvider } from '../bridge/bridge.context';
import { createAppRouter } from './app-router';

interface Props {
  bridge: Bridge;
  i18n: i18n;
  /** Tests pass a path to get an in-memory router instead of the window's hash. */
  initialPath?: string;
}

export function App({ bridge, i18n, initialPath }: Props) {
  const [router] = useState(() => createAppRouter(initialPath));
  return (
    <I18nextProvider i18n={i18n}>
      <BridgeProvider bridge={bridge}>
        <RouterProvider router={router} />
      </BridgeProvider>
    </I18nextProvider>
  );
}
