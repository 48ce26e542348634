import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { CaseRow } from '../../../electron/ipc/desk.contract';
import { useFormat } from '../i18n/use-format.hook';
import { deadlineState } from './case-labels';

type Props = Pick<CaseRow, 'status' | 'deadlineAt' | 'preliminaryReplyAt'> & { now: number };

/** The processing deadline as a date, with a worded warning when it has passed or a preliminary reply is due. */
export function CaseDeadline({ status, deadlineAt, preliminaryReplyAt, now }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const state = deadlineState({ status, deadlineAt, preliminaryReplyAt }, now);
  return (
    <span className="pm-deadline">
      {deadlineAt === null ? (
        <span className="pm-muted">{t('case.deadline.none')}</span>
      ) : (
        <time dateTime={format.machine(deadlineAt)}>{format.date(deadlineAt)}</time>
      )}
      {state.overdue && (
        <Tag data-color="danger" data-size="sm" data-testid="deadline-overdue">
          {t('case.deadline.overdue')}
        </Tag>
      )}
      {state.dueSoon && (
        <Tag data-color="warning" data-size="sm" data-testid="deadline-due-soon">
          {t('case.deadline.dueSoon')}
        </Tag>
      )}
      {state.preliminaryDue && preliminaryReplyAt !== null && (
        <Tag data-color="warning" data-size="sm" data-testid="deadline-preliminary">
          {t('case.deadline.preliminary', { date: format.date(preliminaryReplyAt) })}
        </Tag>
      )}
    </span>
  );
}
