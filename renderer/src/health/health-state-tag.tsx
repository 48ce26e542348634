import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { IntegrationHealthDto } from '../../../electron/ipc/health.contract';

type State = IntegrationHealthDto['state'];
const COLORS = { ok: 'success', degradert: 'warning', nede: 'danger', ukjent: 'neutral' } as const satisfies Record<State, string>;

/** A health state as a tag: colour plus words, never colour alone (WCAG 1.4.1). */
export function HealthStateTag({ state, label, testId = 'health-state' }: { state: State; label?: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag data-color={COLORS[state]} data-size="sm" data-testid={testId} data-state={state}>
      {label ?? t(`health.states.${state}`)}
    </Tag>
  );
}
