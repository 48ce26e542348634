import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

/** Shown when neither the Electron preload nor the headless token is present. */
export function BridgeMissingScreen() {
  const { t } = useTranslation();
  return (
    <main className="pm-page pm-page--padded pm-standalone" data-testid="bridge-missing">
      <Heading level={1} data-size="md">
        {t('app.name')}
      </Heading>
      <Alert data-color="warning" className="pm-alert">
        <Heading level={2} data-size="xs">
          {t('bridgeMissing.title')}
        </Heading>
        <Paragraph>{t('bridgeMissing.body')}</Paragraph>
        <Paragraph data-size="sm">{t('bridgeMissing.detail')}</Paragraph>
      </Alert>
    </main>
  );
}
