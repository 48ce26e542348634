import { Alert, Button, Fieldset, Heading, Paragraph, Radio, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseWork, Outcome } from '../../../electron/ipc/desk.contract';
import { useAction } from '../bridge/use-action.hook';
import { DateTime } from '../shared/date-time';
import { FactList } from '../shared/fact-list';
import { Section } from '../shared/section';
import { OUTCOME_LIST, outcomeLabel } from './case-labels';
import { CommandResult } from './command-result';
import { useCaseCommand } from './use-case-work.hook';

/**
 * What the case says about the profile's rules (#15): the advice with its reasons in nb and nn, «manuell»
 * included, and whether the decision was made by the rules alone, with its legal basis. Optional here
 * until the case DTO (desk.contract's caseWorkSchema) carries them; the hub's case view has them.
 */
interface RulesAdvice {
  recommended: Outcome | 'manuell';
  ruleId: string | null;
  reasons: { nb: string[]; nn: string[] };
}
type RulesWork = CaseWork & {
  rules?: RulesAdvice | null;
  decision: (NonNullable<CaseWork['decision']> & { automatic?: boolean; legalBasis?: string | null }) | null;
};

/** The advice to show: the rules' own, or the older one-line suggestion. */
const adviceOf = (work: RulesWork): RulesAdvice | null =>
  work.rules ??
  (work.recommendation
    ? { recommended: work.recommendation.outcome, ruleId: null, reasons: { nb: [work.recommendation.explanation], nn: [work.recommendation.explanation] } }
    : null);

interface Props {
  publicId: string;
  work: CaseWork;
  now: number;
  apply: (work: CaseWork) => void;
}

/** The decision: the profile's suggestion (if any), the recorded decision, and the form to make or change it. */
export function CaseDecision({ publicId, work, now, apply }: Props) {
  const { t, i18n } = useTranslation();
  const decide = useAction('cases.decide');
  const ruled = work as RulesWork;
  const advice = adviceOf(ruled);
  // the reasons are written in bokmål and nynorsk; an English UI shows the bokmål ones
  const reasons = advice ? advice.reasons[i18n.language === 'nn' ? 'nn' : 'nb'] : [];
  const command = useCaseCommand(apply, work);
  const [outcome, setOutcome] = useState<Outcome | null>(work.decision?.outcome ?? null);
  const [grounds, setGrounds] = useState(work.decision?.grounds ?? '');
  const [errors, setErrors] = useState<{ outcome: boolean; grounds: boolean }>({ outcome: false, grounds: false });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = { outcome: outcome === null, grounds: grounds.trim() === '' };
    setErrors(next);
    if (outcome === null || next.grounds) return;
    void command.run('decide', () => decide({ publicId, outcome, grounds: grounds.trim() }), () =>
      t('case.decision.saved', { outcome: outcomeLabel(t, outcome) }),
    );
  };

  return (
    <Section id="case-decision-heading" title={t('case.decision.heading')}>
      {advice && (
        <Alert data-color={advice.recommended === 'manuell' ? 'warning' : 'info'} className="pm-alert" data-testid="decision-recommendation">
          <Heading level={3} data-size="xs">
            {advice.recommended === 'manuell' ? t('rules.manual') : t('case.decision.recommendation', { outcome: outcomeLabel(t, advice.recommended) })}
          </Heading>
          <ul aria-label={t('rules.reasons')} data-testid="decision-reasons">
            {reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </Alert>
      )}
      {work.decision ? (
        <FactList
          facts={[
            { label: t('case.decision.outcome'), value: outcomeLabel(t, work.decision.outcome), testId: 'decision-outcome' },
            { label: t('case.decision.grounds'), value: <span className="pm-pre">{work.decision.grounds}</span>, testId: 'decision-grounds' },
            {
              label: t('case.decision.decided'),
              value: (
                <>
                  {work.decision.decidedBy} · <DateTime ms={work.decision.decidedAt} now={now} />
                </>
              ),
              testId: 'decision-by',
            },
            ...(work.decision.recommendation ? [{ label: t('case.decision.rule'), value: work.decision.recommendation, testId: 'decision-rule' }] : []),
            ...(ruled.decision?.automatic
              ? [
                  {
                    label: t('rules.automatic'),
                    value: (
                      <>
                        {t('rules.automaticText')} {ruled.decision.legalBasis ? t('rules.legalBasis', { basis: ruled.decision.legalBasis }) : null}
                      </>
                    ),
                    testId: 'decision-automatic',
                  },
                ]
              : []),
          ]}
        />
      ) : work.can.decide ? null : (
        // with the form below, «no decision yet» goes without saying
        <Paragraph data-testid="decision-none">{t('case.decision.none')}</Paragraph>
      )}
      {work.can.decide && (
        <form onSubmit={submit} className="pm-stack" data-testid="decision-form" noValidate>
          <Fieldset data-size="sm" className="pm-case-outcomes">
            <Fieldset.Legend>{t('case.decision.outcome')}</Fieldset.Legend>
            {OUTCOME_LIST.map((o) => (
              <Radio key={o} name="outcome" value={o} label={outcomeLabel(t, o)} checked={outcome === o} onChange={() => setOutcome(o)} />
            ))}
            {errors.outcome && <p className="pm-field-error">{t('case.decision.outcomeRequired')}</p>}
          </Fieldset>
          <Textfield
            multiline
            rows={3}
            data-size="sm"
            label={t('case.decision.grounds')}
            description={t('case.decision.groundsHint')}
            value={grounds}
            maxLength={4000}
            onChange={(e) => setGrounds(e.target.value)}
            error={errors.grounds ? t('case.decision.groundsRequired') : undefined}
          />
          <div>
            <Button type="submit" data-size="sm" loading={command.pending === 'decide'}>
              {work.decision ? t('case.decision.change') : t('case.decision.save')}
            </Button>
          </div>
        </form>
      )}
      <CommandResult outcome={command.outcome} testId="decision-result" />
    </Section>
  );
}
