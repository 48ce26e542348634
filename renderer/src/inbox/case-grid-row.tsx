import { Link } from '@digdir/designsystemet-react';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { CaseRow } from '../../../electron/ipc/desk.contract';
import { CaseDeadline } from '../case/case-deadline';
import { caseHref } from '../case/case-href';
import { CaseStatusTag } from '../case/case-status-tag';
import { DateTime } from '../shared/date-time';

export const activeCellId = (gridId: string, index: number): string => `${gridId}-r${index}`;

interface Props {
  gridId: string;
  index: number;
  row: CaseRow | undefined;
  active: boolean;
  now: number;
  style: CSSProperties;
  onPick: (index: number) => void;
}

/** One case in the grid; rows whose page is still on its way show as loading. */
export function CaseGridRow({ gridId, index, row, active, now, style, onPick }: Props) {
  const { t } = useTranslation();
  const rowIndex = index + 2; // the header row is 1
  if (!row) {
    return (
      <div role="row" aria-rowindex={rowIndex} className="pm-grid-row pm-grid-row--loading" style={style}>
        <div role="gridcell" id={activeCellId(gridId, index)} className="pm-grid-cell pm-muted">
          {t('inbox.rowLoading')}
        </div>
      </div>
    );
  }
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={active}
      className={active ? 'pm-grid-row pm-grid-row--active' : 'pm-grid-row'}
      style={style}
      data-testid={`case-row-${row.publicId}`}
      onClick={() => onPick(index)}
    >
      <div role="gridcell" id={activeCellId(gridId, index)} className="pm-grid-cell">
        {/* One tab stop for the whole grid: Enter opens the active row, the link serves the mouse and browse mode. */}
        <Link asChild data-color="accent">
          <RouterLink to={caseHref(row.publicId)} tabIndex={-1}>
            {row.applicantName ?? t('inbox.noApplicant')}
          </RouterLink>
        </Link>
        {row.personNumberMasked && (
          <span className="pm-block pm-muted pm-code" aria-label={t('inbox.maskedFnr', { value: row.personNumberMasked })}>
            {row.personNumberMasked}
          </span>
        )}
      </div>
      <div role="gridcell" className="pm-grid-cell">
        {row.serviceName ?? t('common.empty')}
        {row.title && <span className="pm-block pm-muted pm-reason">{row.title}</span>}
        {row.screened && <span className="pm-block pm-muted pm-reason">{t('inbox.screened')}</span>}
      </div>
      <div role="gridcell" className="pm-grid-cell pm-when">
        <DateTime ms={row.receivedAt} now={now} compact />
      </div>
      <div role="gridcell" className="pm-grid-cell">
        <CaseStatusTag status={row.status} />
      </div>
      <div role="gridcell" className="pm-grid-cell" data-testid="case-assignee">
        {row.assignee?.name ?? <span className="pm-muted">{t('case.unassigned')}</span>}
      </div>
      <div role="gridcell" className="pm-grid-cell pm-nowrap">
        {row.caseNumber ?? <span className="pm-muted">{t('common.empty')}</span>}
      </div>
      <div role="gridcell" className="pm-grid-cell">
        <CaseDeadline status={row.status} deadlineAt={row.deadlineAt} preliminaryReplyAt={row.preliminaryReplyAt} now={now} />
      </div>
    </div>
  );
}
