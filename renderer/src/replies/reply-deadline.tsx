import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { ReplyRow } from '../../../electron/ipc/replies.contract';
import { useFormat } from '../i18n/use-format.hook';
import { awaitsPrint } from './reply-labels';

type Props = Pick<ReplyRow, 'state' | 'deadlineAt'> & { now: number };

/** States in which no print will happen (read, or held/stopped by a caseworker): a date there would say otherwise. */
const NO_PRINT: ReadonlySet<ReplyRow['state']> = new Set(['read', 'held', 'stopped']);

/**
 * When an unread reply goes to print: "skrives ut 12.12.", or a worded warning once the deadline has passed;
 * "Skrives ikke ut" once it is read, held or stopped.
 */
export function ReplyDeadline({ state, deadlineAt, now }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  if (NO_PRINT.has(state)) return <span className="pm-muted" data-testid="reply-no-print">{t('repliesWs.noPrint')}</span>;
  if (deadlineAt === null) return <span className="pm-muted">{t('common.empty')}</span>;
  const iso = format.machine(deadlineAt);
  if (!awaitsPrint({ state })) {
    return (
      <time dateTime={iso} title={format.dateTime(deadlineAt)}>
        {format.dayMonth(deadlineAt)}
      </time>
    );
  }
  if (deadlineAt < now) {
    return (
      <Tag data-color="warning" data-size="sm" data-testid="reply-deadline-passed">
        {t('replies.deadlinePassed')}
      </Tag>
    );
  }
  return (
    <span data-testid="reply-deadline">
      {t('replies.printsOn')}{' '}
      <time dateTime={iso} title={format.dateTime(deadlineAt)}>
        {format.dayMonth(deadlineAt)}
      </time>
    </span>
  );
}
