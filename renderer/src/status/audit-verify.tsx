import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditVerifyResult } from '../../../electron/ipc/contract';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { useFormat } from '../i18n/use-format.hook';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';

type Outcome = { kind: 'result'; result: AuditVerifyResult } | { kind: 'error'; error: AppError } | null;

export function AuditVerify({ entries }: { entries: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const verify = useAction('audit.verify');
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const run = async () => {
    if (pending) return;
    setPending(true);
    setOutcome(null);
    const result = await verify({});
    setPending(false);
    setOutcome(result.ok ? { kind: 'result', result: result.value } : { kind: 'error', error: result.error });
  };

  return (
    <section aria-labelledby="audit-heading" className="pm-section">
      <Heading level={2} data-size="sm" id="audit-heading">
        {t('status.audit.heading')}
      </Heading>
      <Paragraph>{t('status.audit.description')}</Paragraph>
      <Paragraph className="pm-muted">
        {t('status.system.auditEntries')}: {format.number(entries)}
      </Paragraph>
      <div>
        <Button variant="secondary" loading={pending} onClick={() => void run()}>
          {t('status.audit.verify')}
        </Button>
      </div>
      <LiveRegion className="pm-live">
        {outcome?.kind === 'result' && <VerifyAlert result={outcome.result} />}
        {outcome?.kind === 'error' && <ErrorAlert error={outcome.error} title={t('errors.actionTitle')} headingLevel={3} />}
      </LiveRegion>
    </section>
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
