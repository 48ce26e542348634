import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { AuditVerifyResult } from '../../../electron/ipc/contract';
import { useAction } from '../bridge/use-action.hook';
import { useMayCall } from '../session/may-call';
import { useFormat } from '../i18n/use-format.hook';
import { ActionWithResult } from '../shared/action-with-result';
import { Section } from '../shared/section';

export function AuditVerify({ entries }: { entries: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const verify = useAction('audit.verify');
  const mayVerify = useMayCall()('audit.verify');

  return (
    <Section id="audit-heading" title={t('status.audit.heading')}>
      <Paragraph>{t('status.audit.description')}</Paragraph>
      <Paragraph className="pm-muted">
        {t('status.system.auditEntries')}: {format.number(entries)}
      </Paragraph>
      {mayVerify && (
        <ActionWithResult
          action={() => verify({})}
          label={t('status.audit.verify')}
          variant="secondary"
          errorHeadingLevel={3}
          renderResult={(result) => <VerifyAlert result={result} />}
        />
      )}
    </Section>
  );
}

function VerifyAlert({ result }: { result: AuditVerifyResult }) {
  const { t } = useTranslation();
  const ok = result.ok && !result.problem;
  return (
    <Alert data-color={ok ? 'success' : 'danger'} className="pm-alert" data-testid="audit-verify-result">
      <Heading level={3} data-size="xs">
        {ok ? t('status.audit.okTitle') : t('status.audit.problemTitle')}
      </Heading>
      <Paragraph>
        {ok
          ? t('status.audit.ok', { count: result.checked })
          : result.problem
            ? t('status.audit.problem', { seq: result.problem.seq, reason: result.problem.reason })
            : t('status.audit.problemUnknown')}
      </Paragraph>
    </Alert>
  );
}
