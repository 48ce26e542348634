import '@digdir/designsystemet-css';
import '@digdir/designsystemet-theme/digdir.css';
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/app';
import { BridgeMissingScreen } from './app/bridge-missing.screen';
import { selectBridge } from './bridge/select-bridge';
import { createI18n } from './i18n/i18n';

const i18n = createI18n();
const selection = selectBridge();
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

createRoot(container).render(
  <StrictMode>
    {selection.kind === 'none' ? (
      <I18nextProvider i18n={i18n}>
        <BridgeMissingScreen />
      </I18nextProvider>
    ) : (
      <App bridge={selection.bridge} i18n={i18n} />
    )}
  </StrictMode>,
);
