import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { ReplyState } from '../../../electron/ipc/replies.contract';
import { replyStateLabel } from './reply-labels';

const COLORS = {
  queued: 'neutral',
  sent: 'info',
  notified: 'info',
  read: 'success',
  held: 'warning',
  stopped: 'neutral',
  printing: 'accent',
  printed: 'accent',
  manual: 'warning',
  failed: 'danger',
} as const satisfies Record<ReplyState, string>;

/** Colour plus words, never colour alone (WCAG 1.4.1). */
export function ReplyStateTag({ state, testId = 'reply-state' }: { state: ReplyState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag data-color={COLORS[state]} data-size="sm" data-testid={testId}>
      {replyStateLabel(t, state)}
    </Tag>
  );
}
