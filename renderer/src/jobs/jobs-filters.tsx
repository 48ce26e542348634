import { Input, Label, Select } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { integrationLabel } from '../health/health-labels';
import { healthNb } from '../health/health.messages';

export const STATUS_FILTERS = ['all', 'queued', 'running', 'done', 'dead', 'abandoned'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const AGE_FILTERS = ['all', 'hour', 'day', 'week', 'older'] as const;
export type AgeFilter = (typeof AGE_FILTERS)[number];
/** The integrations a job type can talk to (the runner's `integration` per type), in the health screen's words. */
export const INTEGRATIONS = Object.keys(healthNb.integrations);

export interface JobFilters {
  status: StatusFilter;
  integration: string;
  age: AgeFilter;
  q: string;
}

function Field<V extends string>({ label, value, options, onChange, testId }: { label: string; value: V; options: readonly (readonly [V, string])[]; onChange: (v: V) => void; testId: string }) {
  const id = useId();
  return (
    <div className="pm-jobs-filter">
      <Label htmlFor={id} data-size="sm">
        {label}
      </Label>
      <Select id={id} value={value} data-size="sm" onChange={(e) => onChange(e.target.value as V)} data-testid={testId}>
        {options.map(([v, text]) => (
          <Select.Option key={v} value={v}>
            {text}
          </Select.Option>
        ))}
      </Select>
    </div>
  );
}

function SearchField({ value, label, onChange }: { value: string; label: string; onChange: (q: string) => void }) {
  const id = useId();
  return (
    <div className="pm-jobs-filter pm-jobs-search">
      <Label htmlFor={id} data-size="sm">
        {label}
      </Label>
      <Input id={id} type="search" data-size="sm" value={value} maxLength={200} onChange={(e) => onChange(e.target.value)} data-testid="jobs-search" />
    </div>
  );
}

/** Status, integration, age and a search, in one row that wraps: the filters live in the URL so Status can link to them. */
export function JobsFilters({ filters, onChange }: { filters: JobFilters; onChange: (next: Partial<JobFilters>) => void }) {
  const { t } = useTranslation();
  const statusLabel = (s: StatusFilter) => (s === 'abandoned' ? t('jobsWs.filters.abandoned') : t(`jobs.filter.${s}`));
  return (
    <div role="search" className="pm-jobs-filters" aria-label={t('jobsWs.filters.heading')}>
      <Field
        label={t('jobsWs.filters.status')}
        value={filters.status}
        options={STATUS_FILTERS.map((s) => [s, statusLabel(s)] as const)}
        onChange={(status) => onChange({ status })}
        testId="jobs-filter-status"
      />
      <Field
        label={t('jobsWs.filters.integration')}
        value={filters.integration}
        options={[['', t('jobsWs.filters.integrationAll')] as const, ...INTEGRATIONS.map((i) => [i, integrationLabel(t, i)] as const)]}
        onChange={(integration) => onChange({ integration })}
        testId="jobs-filter-integration"
      />
      <Field
        label={t('jobsWs.filters.age')}
        value={filters.age}
        options={AGE_FILTERS.map((a) => [a, t(`jobsWs.filters.ages.${a}`)] as const)}
        onChange={(age) => onChange({ age })}
        testId="jobs-filter-age"
      />
      <SearchField value={filters.q} label={t('jobsWs.filters.search')} onChange={(q) => onChange({ q })} />
    </div>
  );
}
