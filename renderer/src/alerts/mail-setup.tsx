import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { MailSetupDto, TestMailResultDto } from '../../../electron/ipc/alerts.contract';
import { useAction } from '../bridge/use-action.hook';
import { ActionWithResult } from '../shared/action-with-result';
import { FactList, type Fact } from '../shared/fact-list';
import { Section } from '../shared/section';

/** Where the alert mails go (server, encryption, login user, sender, recipients — never a password), and "Send testvarsel". */
export function MailSetup({ mail, mayTest }: { mail: MailSetupDto; mayTest: boolean }) {
  const { t } = useTranslation();
  const sendTest = useAction('alerts.sendTest');
  const facts: Fact[] = mail.configured
    ? [
        { label: t('alerts.mail.server'), value: <code className="pm-code">{`${mail.host}:${mail.port}`}</code>, testId: 'mail-server' },
        { label: t('alerts.mail.encryption'), value: mail.security ? t(`alerts.mail.security.${mail.security}`) : '', testId: 'mail-encryption' },
        { label: t('alerts.mail.login'), value: mail.username ? t('alerts.mail.loginAs', { user: mail.username }) : t('alerts.mail.noLogin'), testId: 'mail-login' },
        { label: t('alerts.mail.from'), value: mail.from ?? '', testId: 'mail-from' },
      ]
    : [];
  facts.push({
    label: t('alerts.mail.recipients'),
    value: mail.recipients.length ? (
      <ul className="pm-alert-recipients">
        {mail.recipients.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    ) : (
      t('alerts.mail.noRecipients')
    ),
    testId: 'mail-recipients',
  });
  return (
    <Section id="alerts-mail-heading" title={t('alerts.mail.heading')}>
      {!mail.configured && <Paragraph data-testid="mail-not-configured">{t('alerts.mail.notConfigured')}</Paragraph>}
      {mail.demo && (
        <Paragraph data-size="sm" className="pm-muted" data-testid="mail-demo">
          {t('alerts.mail.demo')}
        </Paragraph>
      )}
      <FactList facts={facts} />
      {mayTest && (
        <ActionWithResult<TestMailResultDto>
          action={() => sendTest({})}
          label={t('alerts.mail.test')}
          variant="secondary"
          errorHeadingLevel={3}
          renderResult={(r) => (
            <Alert data-color={r.ok ? 'success' : 'danger'} data-testid="test-mail-result">
              <Heading level={3} data-size="xs">
                {r.ok ? t('alerts.mail.testOk') : t('alerts.mail.testFailed')}
              </Heading>
              <Paragraph>{r.message}</Paragraph>
            </Alert>
          )}
        />
      )}
    </Section>
  );
}
