import { useTranslation } from 'react-i18next';
import type { SubmissionDetail } from '../../../electron/ipc/contract';
import { DateTime } from '../shared/date-time';
import { FactList, type Fact } from '../shared/fact-list';
import { Section } from '../shared/section';
import { TechName } from '../shared/tech-name';
import { SubmissionStatusTag } from './submission-status-tag';

export function SubmissionFacts({ submission: s, now }: { submission: SubmissionDetail; now: number }) {
  const { t } = useTranslation();
  const facts: Fact[] = [
    { label: t('submission.facts.status'), value: <SubmissionStatusTag status={s.status} />, testId: 'submission-status-fact' },
    {
      label: t('submission.facts.service'),
      value: (
        <>
          {s.serviceName && <span className="pm-block">{s.serviceName}</span>}
          <TechName value={s.serviceKey} className={s.serviceName ? 'pm-block pm-muted' : undefined} />
        </>
      ),
      testId: 'submission-service',
    },
    { label: t('submission.facts.applicant'), value: s.applicantName ?? t('common.empty'), testId: 'submission-applicant' },
    {
      label: t('submission.facts.personNumber'),
      value: s.personNumberMasked ? (
        <>
          <span className="pm-code">{s.personNumberMasked}</span> <span className="pm-muted">{t('submission.facts.masked')}</span>
        </>
      ) : (
        t('common.empty')
      ),
      testId: 'submission-person-number',
    },
    { label: t('submission.facts.submitted'), value: <DateTime ms={s.submittedAt} now={now} />, testId: 'submission-submitted' },
    { label: t('submission.facts.received'), value: <DateTime ms={s.receivedAt} now={now} />, testId: 'submission-received' },
    { label: t('submission.facts.reference'), value: <code className="pm-code pm-file">{s.publicId}</code>, testId: 'submission-reference' },
  ];
  return (
    <Section id="submission-facts-heading" title={t('submission.facts.heading')}>
      <FactList facts={facts} />
    </Section>
  );
}
