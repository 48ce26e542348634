import { Button, Label, Select } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../electron/ipc/desk.contract';
import { CASE_STATUS_LIST, caseStatusLabel } from '../case/case-labels';
import { useFormat } from '../i18n/use-format.hook';

export const ASSIGNEE_FILTERS = ['all', 'me', 'none'] as const;
export const DEADLINE_FILTERS = ['all', 'overdue', 'due-soon', 'preliminary'] as const;
export type AssigneeFilter = (typeof ASSIGNEE_FILTERS)[number];
export type DeadlineFilter = (typeof DEADLINE_FILTERS)[number];

export interface FilterValues {
  status: CaseStatus | 'all';
  service: string;
  assignee: AssigneeFilter;
  deadline: DeadlineFilter;
}

interface Props {
  values: FilterValues;
  counts: Record<string, number> | null;
  services: ReadonlyMap<string, string>;
  onChange: (values: Partial<FilterValues>) => void;
  onReset: (() => void) | null;
}

const DEADLINE_KEYS = { all: 'inbox.filters.deadlineAll', overdue: 'inbox.filters.overdue', 'due-soon': 'inbox.filters.dueSoon', preliminary: 'inbox.filters.preliminary' } as const;
const ASSIGNEE_KEYS = { all: 'inbox.filters.assigneeAll', me: 'inbox.filters.me', none: 'inbox.filters.unassigned' } as const;

/** Status (quarantine included), service, assignee and deadline; each a labelled select. */
export function InboxFilters({ values, counts, services, onChange, onReset }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const ids = { status: useId(), service: useId(), assignee: useId(), deadline: useId() };
  const serviceOptions = new Map(services);
  if (values.service && !serviceOptions.has(values.service)) serviceOptions.set(values.service, values.service);
  const withCount = (label: string, status: CaseStatus) => {
    const n = counts?.[status];
    return n === undefined ? label : `${label} (${format.number(n)})`;
  };

  return (
    <div className="pm-filters" role="group" aria-label={t('inbox.filters.label')}>
      <div className="pm-filter-field">
        <Label htmlFor={ids.status} data-size="sm">
          {t('inbox.filters.status')}
        </Label>
        <Select id={ids.status} data-size="sm" value={values.status} onChange={(e) => onChange({ status: e.target.value as FilterValues['status'] })}>
          <Select.Option value="all">{t('inbox.filters.statusAll')}</Select.Option>
          {CASE_STATUS_LIST.map((status) => (
            <Select.Option key={status} value={status}>
              {withCount(caseStatusLabel(t, status), status)}
            </Select.Option>
          ))}
        </Select>
      </div>
      <div className="pm-filter-field">
        <Label htmlFor={ids.service} data-size="sm">
          {t('inbox.filters.service')}
        </Label>
        <Select id={ids.service} data-size="sm" value={values.service} onChange={(e) => onChange({ service: e.target.value })}>
          <Select.Option value="">{t('inbox.filters.serviceAll')}</Select.Option>
          {[...serviceOptions].map(([id, name]) => (
            <Select.Option key={id} value={id}>
              {name}
            </Select.Option>
          ))}
        </Select>
      </div>
      <div className="pm-filter-field">
        <Label htmlFor={ids.assignee} data-size="sm">
          {t('inbox.filters.assignee')}
        </Label>
        <Select id={ids.assignee} data-size="sm" value={values.assignee} onChange={(e) => onChange({ assignee: e.target.value as AssigneeFilter })}>
          {ASSIGNEE_FILTERS.map((a) => (
            <Select.Option key={a} value={a}>
              {t(ASSIGNEE_KEYS[a])}
            </Select.Option>
          ))}
        </Select>
      </div>
      <div className="pm-filter-field">
        <Label htmlFor={ids.deadline} data-size="sm">
          {t('inbox.filters.deadline')}
        </Label>
        <Select id={ids.deadline} data-size="sm" value={values.deadline} onChange={(e) => onChange({ deadline: e.target.value as DeadlineFilter })}>
          {DEADLINE_FILTERS.map((d) => (
            <Select.Option key={d} value={d}>
              {t(DEADLINE_KEYS[d])}
            </Select.Option>
          ))}
        </Select>
      </div>
      {onReset && (
        <div className="pm-filter-field pm-filter-reset">
          <Button variant="tertiary" data-size="sm" onClick={onReset}>
            {t('inbox.filters.reset')}
          </Button>
        </div>
      )}
    </div>
  );
}
