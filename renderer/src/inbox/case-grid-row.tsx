import { Link } from '@digdir/designsystemet-react';
import type { CSSProperties, MouseEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { CaseRow } from '../../../electron/ipc/desk.contract';
import { CaseDeadline } from '../case/case-deadline';
import { caseHref } from '../case/case-href';
import { caseStatusLabel } from '../case/case-labels';
import { CaseStatusTag } from '../case/case-status-tag';
import { DateTime } from '../shared/date-time';
import { FitTooltip } from './fit-tooltip';
import { inboxLinkState } from './inbox-return';

export const activeCellId = (gridId: string, index: number): string => `${gridId}-r${index}`;

/** The grid's columns in order; `aria-colindex` is the position here + 1 (narrow layouts stack some cells). */
export const COLUMN_KEYS = ['applicant', 'service', 'received', 'status', 'assignee', 'caseNumber', 'deadline'] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];
export const colIndex = (key: ColumnKey): number => COLUMN_KEYS.indexOf(key) + 1;

interface Props {
  gridId: string;
  index: number;
  row: CaseRow | undefined;
  active: boolean;
  now: number;
  style: CSSProperties;
  /** The virtualiser measures each row, so a row is as tall as its content (wrapped names never overlap the next). */
  measureRef: Ref<HTMLDivElement>;
  onPick: (index: number) => void;
  /** Before the link takes the user to the case: remember where they were. */
  onLeave: (index: number, row: CaseRow) => void;
}

/**
 * The title without what the service column already says: «Søknad om SFO-plass – Elias Dahl – Fjellheim skole» under
 * «Søknad om SFO-plass» reads «Elias Dahl – Fjellheim skole». A title that does not start so is shown whole.
 */
export function titleRest(serviceName: string | null, title: string): string {
  if (!serviceName) return title;
  const cut = title.indexOf(' – ');
  const head = (cut < 0 ? title : title.slice(0, cut)).trim().toLocaleLowerCase('nb');
  const rest = cut < 0 ? '' : title.slice(cut + 3).trim();
  return rest && serviceName.toLocaleLowerCase('nb').startsWith(head) ? rest : title;
}

/** A cell's column name, shown only when the row is laid out as a card (narrow windows); the grid names it for screen readers. */
function CardLabel({ column }: { column: ColumnKey }) {
  const { t } = useTranslation();
  return (
    <span className="pm-inbox-card-label" aria-hidden="true">
      {t(`inbox.columns.${column}`)}
    </span>
  );
}

/** One case in the grid; rows whose page is still on its way show as loading. */
export function CaseGridRow({ gridId, index, row, active, now, style, measureRef, onPick, onLeave }: Props) {
  const { t } = useTranslation();
  const rowIndex = index + 2; // the header row is 1
  if (!row) {
    return (
      <div ref={measureRef} data-index={index} role="row" aria-rowindex={rowIndex} className="pm-inbox-row pm-inbox-row--loading" style={style}>
        <div role="gridcell" aria-colindex={1} id={activeCellId(gridId, index)} className="pm-inbox-cell pm-muted">
          {t('inbox.rowLoading')}
        </div>
      </div>
    );
  }
  const name = row.applicantName ?? t('inbox.noApplicant');
  const onLinkClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey) onLeave(index, row);
  };
  return (
    <div
      ref={measureRef}
      data-index={index}
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={active}
      className={active ? 'pm-inbox-row pm-inbox-row--active' : 'pm-inbox-row'}
      style={style}
      data-testid={`case-row-${row.publicId}`}
      onClick={() => onPick(index)}
    >
      <div role="gridcell" aria-colindex={colIndex('applicant')} data-col="applicant" id={activeCellId(gridId, index)} className="pm-inbox-cell">
        <span className="pm-inbox-lines">
          <FitTooltip text={name} className="pm-inbox-main">
            {/* One tab stop for the whole grid: Enter opens the active row, the link serves the mouse and browse mode. */}
            <Link asChild data-color="accent">
              <RouterLink to={caseHref(row.publicId)} state={inboxLinkState(row.publicId)} tabIndex={-1} onClick={onLinkClick} data-testid="case-link">
                {name}
              </RouterLink>
            </Link>
          </FitTooltip>
          {row.personNumberMasked && (
            <span className="pm-inbox-sub pm-muted pm-code">
              <span aria-hidden="true">{row.personNumberMasked}</span>
              <span className="ds-sr-only">{t('inbox.maskedFnr', { value: row.personNumberMasked })}</span>
            </span>
          )}
        </span>
      </div>
      <div role="gridcell" aria-colindex={colIndex('service')} data-col="service" className="pm-inbox-cell">
        <span className="pm-inbox-lines pm-inbox-lines--even">
          <span className="pm-inbox-main">{row.serviceName ?? t('common.empty')}</span>
          {row.title && <span className="pm-inbox-sub pm-muted">{titleRest(row.serviceName, row.title)}</span>}
          {row.screened && <span className="pm-inbox-sub pm-muted">{t('inbox.screened')}</span>}
        </span>
      </div>
      <div role="gridcell" aria-colindex={colIndex('received')} data-col="received" className="pm-inbox-cell pm-inbox-when">
        <CardLabel column="received" />
        <DateTime ms={row.receivedAt} now={now} compact />
      </div>
      <div role="gridcell" aria-colindex={colIndex('status')} data-col="status" className="pm-inbox-cell">
        <FitTooltip text={caseStatusLabel(t, row.status)} clip=".ds-tag" className="pm-inbox-tagbox">
          <CaseStatusTag status={row.status} />
        </FitTooltip>
      </div>
      <div role="gridcell" aria-colindex={colIndex('assignee')} data-col="assignee" className="pm-inbox-cell">
        <CardLabel column="assignee" />
        <span className="pm-inbox-main" data-testid="case-assignee">{row.assignee?.name ?? <span className="pm-muted">{t('case.unassigned')}</span>}</span>
      </div>
      <div role="gridcell" aria-colindex={colIndex('caseNumber')} data-col="caseNumber" className="pm-inbox-cell pm-nowrap">
        <CardLabel column="caseNumber" />
        {row.caseNumber ?? <span className="pm-muted">{t('common.empty')}</span>}
      </div>
      <div role="gridcell" aria-colindex={colIndex('deadline')} data-col="deadline" className="pm-inbox-cell">
        <CardLabel column="deadline" />
        <CaseDeadline status={row.status} deadlineAt={row.deadlineAt} preliminaryReplyAt={row.preliminaryReplyAt} now={now} />
      </div>
    </div>
  );
}
