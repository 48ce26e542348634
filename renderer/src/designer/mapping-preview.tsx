import { Alert, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreviewDto } from '../../../electron/ipc/designer.contract';
import type { AppError } from '../bridge/bridge';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import { stageLabel } from './designer-labels';

interface Props {
  targetName: string;
  format: string;
  value: PreviewDto | undefined;
  error: AppError | undefined;
  pending: boolean;
}

/**
 * The payload the target would get for the text in the editor, and what is wrong with it.
 * The count of problems is announced (politely) as it changes; the list itself is not, so a
 * screen reader is not read every keystroke's errors.
 */
export function MappingPreview({ targetName, format, value, error, pending }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const problems = value?.problems ?? [];
  return (
    <section aria-labelledby={`${id}-h`} className="pm-section pm-preview" data-testid="mapping-preview" aria-busy={pending || undefined}>
      <div className="pm-preview-head">
        <Heading level={2} data-size="sm" id={`${id}-h`}>
          {t('designer.mapping.previewHeading')}
        </Heading>
        {pending && (
          <Paragraph data-size="sm" className="pm-muted" data-testid="preview-pending">
            {t('designer.mapping.computing')}
          </Paragraph>
        )}
      </div>
      {error && <ErrorAlert error={error} title={t('designer.mapping.previewFailed')} headingLevel={3} />}
      <LiveRegion className="pm-live">
        {value && (
          <Paragraph data-size="sm" data-testid="preview-summary" className={problems.length ? 'pm-problem-count' : undefined}>
            {problems.length === 0 ? t('designer.mapping.noProblems') : t('designer.mapping.problemCount', { count: problems.length })}
          </Paragraph>
        )}
      </LiveRegion>
      {problems.length > 0 && (
        <div>
          <Heading level={3} data-size="2xs" id={`${id}-p`}>
            {t('designer.mapping.problemsHeading')}
          </Heading>
          <ul className="pm-problems" aria-labelledby={`${id}-p`} data-testid="preview-problems">
            {problems.map((p, i) => (
              <li key={i} data-stage={p.stage}>
                <Tag data-color="danger" data-size="sm">
                  {stageLabel(t, p.stage)}
                </Tag>{' '}
                <span>{p.message}</span>
                {p.at && <span className="pm-muted"> ({t('designer.mapping.at', { at: p.at })})</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {value?.masked && (
        <Alert data-color="info" className="pm-alert">
          <Paragraph data-size="sm">{t('designer.mapping.masked')}</Paragraph>
        </Alert>
      )}
      {value && (
        <div>
          <Heading level={3} data-size="2xs" id={`${id}-o`}>
            {t('designer.mapping.payload', { target: targetName, format: format.toUpperCase() })}
          </Heading>
          {value.text === null ? (
            <Paragraph data-size="sm">{t('designer.mapping.noPayload')}</Paragraph>
          ) : (
            // a scrollable box must be reachable by keyboard (WCAG 2.1.1), so it is a named, focusable region
            <div role="region" aria-labelledby={`${id}-o`} tabIndex={0} className="pm-payload">
              <pre data-testid="preview-payload">{value.text}</pre>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
