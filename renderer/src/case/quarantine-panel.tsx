import { Alert, Details, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { QuarantineView } from '../../../electron/ipc/quarantine.contract';
import { useQuery } from '../bridge/use-query.hook';
import { ErrorAlert } from '../shared/error-alert';
import { LoadingState } from '../shared/loading-state';
import { CASE_REFRESH } from '../shared/refresh-events';
import { caseHref } from './case-href';
import { QuarantineActions } from './quarantine-actions';

/**
 * A quarantined submission (#13 item 13): why, in Norwegian and naming the field, with the
 * validator's own message behind "Tekniske detaljer"; and the way out (re-validate, register as
 * a case, mark as a duplicate, reject), or how it ended.
 */
export function QuarantinePanel({ publicId }: { publicId: string }) {
  const { t } = useTranslation();
  const query = useQuery('quarantine.view', { publicId }, { refreshOn: CASE_REFRESH });
  // an action's answer shows at once, until the next read from the hub replaces it
  const [fresh, setFresh] = useState<{ basis: QuarantineView | undefined; value: QuarantineView } | null>(null);
  const v = fresh && fresh.basis === query.data ? fresh.value : query.data;
  const apply = (value: QuarantineView) => setFresh({ basis: query.data, value });
  return (
    <Alert data-color={v && !v.open ? 'info' : 'warning'} className="pm-alert" data-testid="quarantine-alert">
      <Heading level={2} data-size="xs">
        {t('submission.quarantineTitle')}
      </Heading>
      {query.error && <ErrorAlert error={query.error} onRetry={query.reload} headingLevel={3} />}
      {!v && !query.error && <LoadingState label={t('quarantine.loading')} />}
      {v && <QuarantineBody view={v} apply={apply} />}
    </Alert>
  );
}

function QuarantineBody({ view: v, apply }: { view: QuarantineView; apply: (v: QuarantineView) => void }) {
  const { t } = useTranslation();
  return (
    <div className="pm-stack">
      {v.explanation && (
        <div data-testid="quarantine-explanation">
          <Paragraph>{v.explanation.summary}</Paragraph>
          <ul>
            {v.explanation.problems.map((p, i) => (
              <li key={i} className="pm-reason-full">
                {p.text}
                {p.line !== null && <span className="pm-muted"> ({t('quarantine.line', { line: p.line })})</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {(v.raw || v.code) && (
        <Details data-testid="quarantine-technical">
          <Details.Summary>{t('quarantine.technical')}</Details.Summary>
          <Details.Content>
            {v.raw && <pre className="pm-pre pm-code" data-testid="quarantine-raw">{v.raw}</pre>}
            {v.code && (
              <Paragraph data-size="sm">
                {t('submission.code')}: <code className="pm-code">{v.code}</code>
              </Paragraph>
            )}
          </Details.Content>
        </Details>
      )}
      {v.resolution ? <Resolution view={v} /> : v.open && <QuarantineActions view={v} apply={apply} />}
    </div>
  );
}

function Resolution({ view: v }: { view: QuarantineView }) {
  const { t } = useTranslation();
  const r = v.resolution!;
  return (
    <Paragraph data-testid="quarantine-resolution">
      {r.outcome === 'rejected' && t('quarantine.resolvedRejected', { reason: r.reason ?? '' })}
      {r.outcome === 'case' && t('quarantine.registered')}
      {r.outcome === 'duplicate' && (
        <>
          {t('quarantine.resolvedDuplicate')}{' '}
          {r.duplicateOfPublicId && (
            <Link asChild>
              <RouterLink to={caseHref(r.duplicateOfPublicId)} data-testid="quarantine-original">
                {t('quarantine.openOriginal')}
              </RouterLink>
            </Link>
          )}
        </>
      )}
    </Paragraph>
  );
}
