import { Badge, Button, Chip, Label, Select } from '@digdir/designsystemet-react';
import { FunnelIcon } from '@navikt/aksel-icons';
import { type RefObject, useId } from 'react';
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

const DEADLINE_KEYS = { all: 'inbox.filters.deadlineAll', overdue: 'inbox.filters.overdue', 'due-soon': 'inbox.filters.dueSoon', preliminary: 'inbox.filters.preliminary' } as const;
const ASSIGNEE_KEYS = { all: 'inbox.filters.assigneeAll', me: 'inbox.filters.me', none: 'inbox.filters.unassigned' } as const;
const CLEARED: FilterValues = { status: 'all', service: '', assignee: 'all', deadline: 'all' };
const FILTER_NAMES = { status: 'inbox.filters.status', service: 'inbox.filters.service', assignee: 'inbox.filters.assignee', deadline: 'inbox.filters.deadline' } as const;

/** The filters that are on, each with its name and its value in words (the chips, and the count on the button). */
export function useActiveFilters(values: FilterValues, services: ReadonlyMap<string, string>): { key: keyof FilterValues; name: string; value: string }[] {
  const { t } = useTranslation();
  const words: Record<keyof FilterValues, string | null> = {
    status: values.status === 'all' ? null : caseStatusLabel(t, values.status),
    service: values.service === '' ? null : (services.get(values.service) ?? values.service),
    assignee: values.assignee === 'all' ? null : t(ASSIGNEE_KEYS[values.assignee]),
    deadline: values.deadline === 'all' ? null : t(DEADLINE_KEYS[values.deadline]),
  };
  return (Object.keys(words) as (keyof FilterValues)[]).flatMap((key) => {
    const value = words[key];
    return value === null ? [] : [{ key, name: t(FILTER_NAMES[key]), value }];
  });
}

interface ToggleProps {
  open: boolean;
  onToggle: () => void;
  active: number;
  panelId: string;
  buttonRef: RefObject<HTMLButtonElement | null>;
}

/** «Filter»: opens and closes the filter bar; the number of filters in use is on it. */
export function FilterToggle({ open, onToggle, active, panelId, buttonRef }: ToggleProps) {
  const { t } = useTranslation();
  return (
    <Button ref={buttonRef} variant={open ? 'primary' : 'secondary'} data-size="sm" aria-expanded={open} aria-controls={panelId} onClick={onToggle} data-testid="inbox-filter-toggle">
      <FunnelIcon aria-hidden />
      {t('inboxWs.filter.button')}
      {active > 0 && (
        <>
          <Badge count={active} data-color="accent" aria-hidden="true" className="pm-inbox-badge" />
          <span className="ds-sr-only">, {t('inboxWs.filter.active', { count: active })}</span>
        </>
      )}
    </Button>
  );
}

interface BarProps {
  id: string;
  open: boolean;
  values: FilterValues;
  counts: Record<string, number> | null;
  services: ReadonlyMap<string, string>;
  onChange: (values: Partial<FilterValues>) => void;
}

/**
 * The collapsible filter bar: status (quarantine included; the list and words come from the desk's status
 * vocabulary), service, assignee and deadline, each a labelled select on one wrapping row.
 */
export function FilterBar({ id, open, values, counts, services, onChange }: BarProps) {
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
    <div id={id} hidden={!open} className="pm-inbox-filterbar" role="group" aria-label={t('inbox.filters.label')} data-testid="inbox-filterbar">
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
          {[...serviceOptions].map(([serviceId, name]) => (
            <Select.Option key={serviceId} value={serviceId}>
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
    </div>
  );
}

interface ChipsProps {
  active: { key: keyof FilterValues; name: string; value: string }[];
  onChange: (values: Partial<FilterValues>) => void;
  onReset: (() => void) | null;
  /** Where focus goes when the chip that had it is removed. */
  focusAfter: RefObject<HTMLButtonElement | null>;
}

/** The filters in use as removable chips (one click removes one), and «Nullstill» for filters and search together. */
export function FilterChips({ active, onChange, onReset, focusAfter }: ChipsProps) {
  const { t } = useTranslation();
  if (active.length === 0 && !onReset) return null;
  const remove = (key: keyof FilterValues) => {
    onChange({ [key]: CLEARED[key] });
    focusAfter.current?.focus();
  };
  return (
    <div className="pm-inbox-chips" role="group" aria-label={t('inboxWs.filter.chips')} data-testid="inbox-chips">
      {active.map((f) => (
        <Chip.Removable
          key={f.key}
          data-size="sm"
          aria-label={t('inboxWs.filter.remove', { name: f.name, value: f.value })}
          onClick={() => remove(f.key)}
          data-testid={`inbox-chip-${f.key}`}
        >
          {t('inboxWs.filter.chip', { name: f.name, value: f.value })}
        </Chip.Removable>
      ))}
      {onReset && (
        <Button
          variant="tertiary"
          data-size="sm"
          onClick={() => {
            onReset();
            focusAfter.current?.focus();
          }}
        >
          {t('inbox.filters.reset')}
        </Button>
      )}
    </div>
  );
}
