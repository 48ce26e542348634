import { useTranslation } from 'react-i18next';
import type { SubmissionDetail } from '../../../electron/ipc/contract';
import { DateTime } from '../shared/date-time';
import { FactList, type Fact } from '../shared/fact-list';
import { Section } from '../shared/section';

/** What came in, when, from whom: in words, without the codes a caseworker has no use for. */
export function SubmissionFacts({ submission: s, now }: { submission: SubmissionDetail; now: number }) {
  const { t } = useTranslation();
  const facts: Fact[] = [
    // no intake status here ("Mottatt" beside the case's "Ny"): the case has one status, on the work side (#14)
    {
      label: t('submission.facts.service'),
      // the service's name; its code (5323:1, app id) is for IT, under «Tekniske detaljer»
      value: s.serviceName ?? t('caseApp.unknownService'),
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
  ];
  return (
    <Section id="submission-facts-heading" title={t('submission.facts.heading')}>
      <FactList facts={facts} />
    </Section>
  );
}
