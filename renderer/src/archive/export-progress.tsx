import { Paragraph } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportDto } from '../../../electron/ipc/archivist.contract';
import { useFormat } from '../i18n/use-format.hook';
import { LiveRegion } from '../shared/live-region';
import { exportKindLabel, exportStateLabel, phaseLabel } from './archive-labels';

/**
 * A running export as a progress bar with its phase and numbers. Only the phase is announced
 * (it changes a few times per export); the numbers change every poll and would flood a screen reader.
 */
export function ExportProgress({ exp }: { exp: ExportDto }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labelId = useId();
  const known = exp.total > 0;
  const done = exp.state === 'done';
  const phase = exp.state === 'queued' ? t('archivist.export.queued') : done ? t('archivist.export.phases.done') : (phaseLabel(t, exp.phase) ?? exportStateLabel(t, exp.state));
  return (
    <div className="pm-archive-progress" data-testid="export-progress" data-state={exp.state}>
      <Paragraph id={labelId} data-size="sm">
        <strong>{t('archivist.export.progressLabel', { id: exp.id })}</strong> – {exportKindLabel(t, exp.kind)}
        {exp.arkivdel ? `, ${exp.arkivdel}` : ''}
      </Paragraph>
      {/* without a value the bar is indeterminate: the total is not known until counted */}
      <progress
        aria-labelledby={labelId}
        max={known ? exp.total : undefined}
        value={done ? (known ? exp.total : 1) : known ? Math.min(exp.done, exp.total) : undefined}
        data-testid="export-progress-bar"
      />
      <div className="pm-archive-progress-text">
        <LiveRegion>
          <span data-testid="export-phase">{phase}</span>
        </LiveRegion>
        {known && (
          <span className="pm-muted" data-testid="export-numbers">
            {t('archivist.export.progressNumbers', { done: format.number(exp.done), total: format.number(exp.total) })}
          </span>
        )}
      </div>
    </div>
  );
}
