import { Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { ProbeResultDto } from '../../../electron/ipc/integrations-admin.contract';

/** "Test tilkobling"'s answer: each step with OK/Feil in words (not colour alone), what happened, and how long it took. */
export function ProbeResult({ result, headingLevel, testId }: { result: ProbeResultDto; headingLevel: 3 | 4; testId: string }) {
  const { t } = useTranslation();
  if (result.steps.length === 0) return null;
  return (
    <div className="pm-probe" data-testid={testId}>
      <Heading level={headingLevel} data-size="2xs" data-testid={`${testId}-outcome`}>
        {result.ok ? t('integrations.testOk') : t('integrations.testFailed')}
      </Heading>
      <ol className="pm-probe-steps" aria-label={t('integrations.testSteps')}>
        {result.steps.map((s, i) => (
          <li key={i} data-testid={`${testId}-step`}>
            <Tag data-color={s.ok ? 'success' : 'danger'} data-size="sm">
              {s.ok ? t('integrations.testStepOk') : t('integrations.testStepFailed')}
            </Tag>{' '}
            <strong>{s.step}</strong> <span className="pm-muted">({t('integrations.ms', { ms: Math.round(s.ms) })})</span>
            <Paragraph data-size="sm">{s.detail}</Paragraph>
          </li>
        ))}
      </ol>
    </div>
  );
}
