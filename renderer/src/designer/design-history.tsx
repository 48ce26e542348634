import { Button, Heading, Label, Paragraph, Select, Tag } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesignVersionDto } from '../../../electron/ipc/designer.contract';
import type { AppError, HubResult } from '../bridge/bridge';
import { DataTable } from '../shared/data-table';
import { DateTime } from '../shared/date-time';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import { Section } from '../shared/section';
import { versionStatusLabel } from './designer-labels';
import { type DiffLine, DiffView } from './diff-view';

const STATUS_COLORS = { draft: 'warning', active: 'success', retired: 'neutral' } as const;

interface Props {
  /** Newest first, as the hub lists them. */
  versions: DesignVersionDto[];
  now: number;
  diff: (from: number, to: number) => Promise<HubResult<DiffLine[]>>;
  /** Puts a version's text in the editor (to start again from an earlier one). */
  onOpen: (version: DesignVersionDto) => void;
}

/** Who changed what and when, and a diff between any two versions. */
export function DesignHistory({ versions, now, diff, onOpen }: Props) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState<number | null>(null);
  return (
    <Section id="design-history-heading" title={t('designer.history.heading')}>
      <DataTable
        rows={versions}
        rowKey={(v) => v.version}
        rowTestId={(v) => `design-version-${v.version}`}
        empty={t('designer.history.none')}
        caption={t('designer.history.caption')}
        testId="design-versions"
        columns={[
          { header: t('designer.history.col.version'), cell: (v) => String(v.version), rowHeader: true },
          {
            header: t('designer.history.col.status'),
            cell: (v) => (
              <Tag data-color={STATUS_COLORS[v.status]} data-size="sm" data-testid="design-version-status">
                {versionStatusLabel(t, v.status)}
              </Tag>
            ),
          },
          { header: t('designer.history.col.changedBy'), cell: (v) => v.changedBy },
          { header: t('designer.history.col.changedAt'), cell: (v) => <DateTime ms={v.changedAt} now={now} compact />, className: 'pm-when' },
          { header: t('designer.history.col.note'), cell: (v) => v.note ?? t('common.empty') },
          {
            header: t('designer.history.col.actions'),
            cell: (v) => (
              <Button
                variant="tertiary"
                data-size="sm"
                aria-label={t('designer.history.openLabel', { n: v.version })}
                onClick={() => {
                  onOpen(v);
                  setOpened(v.version);
                }}
              >
                {t('designer.history.open')}
              </Button>
            ),
          },
        ]}
      />
      <LiveRegion className="pm-live">{opened !== null && <Paragraph data-size="sm">{t('designer.history.opened', { n: opened })}</Paragraph>}</LiveRegion>
      {versions.length > 1 && <DiffPicker versions={versions} diff={diff} />}
    </Section>
  );
}

type DiffState = { kind: 'loading' } | { kind: 'ready'; lines: DiffLine[]; from: number; to: number } | { kind: 'error'; error: AppError } | null;

function DiffPicker({ versions, diff }: { versions: DesignVersionDto[]; diff: Props['diff'] }) {
  const { t } = useTranslation();
  const id = useId();
  // default: what changed from the active version to the newest (usually the draft)
  const active = versions.find((v) => v.status === 'active') ?? versions[1]!;
  const newest = versions[0]!;
  const [from, setFrom] = useState(active.version === newest.version ? versions[1]!.version : active.version);
  const [to, setTo] = useState(newest.version);
  const [state, setState] = useState<DiffState>(null);

  const show = async () => {
    setState({ kind: 'loading' });
    const result = await diff(from, to);
    setState(result.ok ? { kind: 'ready', lines: result.value, from, to } : { kind: 'error', error: result.error });
  };

  const picker = (which: 'from' | 'to', value: number, set: (n: number) => void) => (
    <div className="pm-filter-field">
      <Label htmlFor={`${id}-${which}`} data-size="sm">
        {t(`designer.history.${which}`)}
      </Label>
      <Select id={`${id}-${which}`} data-size="sm" width="auto" value={String(value)} onChange={(e) => set(Number(e.target.value))}>
        {versions.map((v) => (
          <Select.Option key={v.version} value={String(v.version)}>
            {`${v.version} (${versionStatusLabel(t, v.status)})`}
          </Select.Option>
        ))}
      </Select>
    </div>
  );

  return (
    <div className="pm-diff-picker">
      <Heading level={3} data-size="2xs">
        {t('designer.history.diffHeading')}
      </Heading>
      <div className="pm-inline-form">
        {picker('from', from, setFrom)}
        {picker('to', to, setTo)}
        <Button variant="secondary" data-size="sm" loading={state?.kind === 'loading'} onClick={() => void show()} data-testid="design-diff-show">
          {t('designer.history.show')}
        </Button>
      </div>
      <LiveRegion className="pm-live">
        {state?.kind === 'error' && <ErrorAlert error={state.error} title={t('designer.history.diffFailed')} headingLevel={3} />}
      </LiveRegion>
      {state?.kind === 'ready' && <DiffView lines={state.lines} from={state.from} to={state.to} />}
    </div>
  );
}
