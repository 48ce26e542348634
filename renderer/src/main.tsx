import '@digdir/designsystemet-css';
import '@digdir/designsystemet-theme/digdir.css';
import './styles/app.css';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/app';
import { BridgeMissingScreen } from './app/bridge-missing.screen';
import { SessionLinkScreen } from './app/session-link.screen';
import { selectBridge } from './bridge/select-bridge';
import { createI18n } from './i18n/i18n';

const i18n = createI18n();
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
const root = createRoot(container);
const alone = (screen: ReactNode) => <I18nextProvider i18n={i18n}>{screen}</I18nextProvider>;

// the session is settled before the router reads the address: the launch code sits in the fragment
void selectBridge().then((selection) =>
  root.render(
    <StrictMode>
      {selection.kind === 'none' ? (
        alone(<BridgeMissingScreen />)
      ) : selection.kind === 'session' ? (
        alone(<SessionLinkScreen problem={selection.problem} />)
      ) : (
        <App bridge={selection.bridge} i18n={i18n} />
      )}
    </StrictMode>,
  ),
);
