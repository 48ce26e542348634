import { Card, Link } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import '../jobs/jobs.css';

export interface CountFigure {
  key: string;
  label: string;
  value: number;
  testId: string;
  /** Colour of the dot, and of the whole card while `alarm` is set. */
  color: string;
  alarm?: boolean;
  /** #14: where the figure's items are listed (the filtered view); the whole card is the link. */
  to?: string;
  /** The link's accessible name when the label alone would not say where it goes. */
  linkLabel?: string;
}

/** Summary figures as cards in a definition list; the numbers are plain digits so tests and people read them alike. */
export function CountCards({ figures, small = false }: { figures: CountFigure[]; small?: boolean }) {
  return (
    <dl className={small ? 'pm-figures pm-figures--small' : 'pm-figures'}>
      {figures.map(({ key, label, value, testId, color, alarm, to, linkLabel }) => (
        <Card
          key={key}
          data-color={alarm ? color : 'neutral'}
          variant={alarm ? 'tinted' : 'default'}
          className={to ? 'pm-figure pm-figure--link' : 'pm-figure'}
        >
          <dt className="pm-figure-label">
            <span className={`pm-dot pm-dot--${color}`} aria-hidden="true" />
            {to ? (
              <Link asChild>
                <RouterLink to={to} aria-label={linkLabel} data-testid={`${testId}-link`}>
                  {label}
                </RouterLink>
              </Link>
            ) : (
              label
            )}
          </dt>
          <dd className="pm-figure-value">
            <span data-testid={testId}>{String(value)}</span>
          </dd>
        </Card>
      ))}
    </dl>
  );
}
