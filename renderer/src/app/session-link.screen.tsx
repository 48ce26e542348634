import { Alert, Heading, List, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { SessionProblem } from '../bridge/http-session';

/** The headless host's page without a session: a used launch link, a bookmark, or a host that stopped. */
export function SessionLinkScreen({ problem }: { problem: SessionProblem }) {
  const { t } = useTranslation();
  return (
    <main className="pm-page pm-page--padded pm-standalone" data-testid="session-link">
      <Heading level={1} data-size="md">
        {t('app.name')}
      </Heading>
      <Alert data-color={problem === 'unreachable' ? 'danger' : 'info'} className="pm-alert">
        <Heading level={2} data-size="xs">
          {t('sessionLink.title')}
        </Heading>
        <Paragraph>{t(`sessionLink.${problem}`)}</Paragraph>
      </Alert>
      <Heading level={2} data-size="xs">
        {t('sessionLink.howTitle')}
      </Heading>
      <List.Ordered>
        <List.Item>{t('sessionLink.step1')}</List.Item>
        <List.Item>{t('sessionLink.step2')}</List.Item>
        <List.Item>{t('sessionLink.step3')}</List.Item>
      </List.Ordered>
    </main>
  );
}
