import { Card } from '@digdir/designsystemet-react';

export interface CountFigure {
  key: string;
  label: string;
  value: number;
  testId: string;
  /** Colour of the dot, and of the whole card while `alarm` is set. */
  color: string;
  alarm?: boolean;
}

/** Summary figures as cards in a definition list; the numbers are plain digits so tests and people read them alike. */
export function CountCards({ figures, small = false }: { figures: CountFigure[]; small?: boolean }) {
  return (
    <dl className={small ? 'pm-figures pm-figures--small' : 'pm-figures'}>
      {figures.map(({ key, label, value, testId, color, alarm }) => (
        <Card key={key} data-color={alarm ? color : 'neutral'} variant={alarm ? 'tinted' : 'default'} className="pm-figure">
          <dt className="pm-figure-label">
            <span className={`pm-dot pm-dot--${color}`} aria-hidden="true" />
            {label}
          </dt>
          <dd className="pm-figure-value">
            <span data-testid={testId}>{String(value)}</span>
          </dd>
        </Card>
      ))}
    </dl>
  );
}
