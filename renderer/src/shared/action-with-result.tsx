import { Button } from '@digdir/designsystemet-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, HubResult } from '../bridge/bridge';
import { ErrorAlert } from './error-alert';
import { LiveRegion } from './live-region';

type Outcome<T> = { kind: 'ok'; value: T } | { kind: 'error'; error: AppError } | null;

interface Props<T> {
  /** The hub command to run; a second click while it runs is ignored. */
  action: () => Promise<HubResult<T>>;
  label: string;
  variant: 'primary' | 'secondary';
  size?: 'sm';
  /** What to announce when the command succeeded. */
  renderResult: (value: T) => ReactNode;
  /** Level of the error alert's heading: one below the heading the button sits under. */
  errorHeadingLevel: 2 | 3;
}

/** A button that runs one hub command and announces its outcome in a live region below it. */
export function ActionWithResult<T>({ action, label, variant, size, renderResult, errorHeadingLevel }: Props<T>) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome<T>>(null);

  const run = async () => {
    if (pending) return;
    setPending(true);
    setOutcome(null);
    const result = await action();
    setPending(false);
    setOutcome(result.ok ? { kind: 'ok', value: result.value } : { kind: 'error', error: result.error });
  };

  return (
    <>
      <div>
        <Button variant={variant} data-size={size} loading={pending} onClick={() => void run()}>
          {label}
        </Button>
      </div>
      <LiveRegion className="pm-live">
        {outcome?.kind === 'ok' && renderResult(outcome.value)}
        {outcome?.kind === 'error' && <ErrorAlert error={outcome.error} title={t('errors.actionTitle')} headingLevel={errorHeadingLevel} />}
      </LiveRegion>
    </>
  );
}
