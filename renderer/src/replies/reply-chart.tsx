import { Button, Paragraph, Table } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplyStats } from '../../../electron/ipc/replies.contract';
import { useFormat } from '../i18n/use-format.hook';

type Day = ReplyStats['days'][number];
export const CHART_SERIES = ['sent', 'read', 'printed'] as const;
type Series = (typeof CHART_SERIES)[number];

// Geometry in viewBox units; the SVG scales to its container, text and all.
const BAR = 6;
const GAP = 5;
const GROUP = CHART_SERIES.length * BAR + GAP;
const LEFT = 34;
const TOP = 10;
const PLOT_H = 150;
const BOTTOM = 26;
const LABEL_EVERY = 5;

/** A round top for the y axis: 1, 2, 5 or 10 times a power of ten. */
function niceMax(value: number): number {
  if (value <= 4) return Math.max(1, value);
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((n) => n >= value) ?? value;
}

/**
 * Sent / read / printed per day as grouped bars. Each series has its own fill pattern
 * (solid, hatched, dotted) as well as its colour, the legend says which is which, the SVG
 * carries a spoken summary, and the same numbers are one click away as a table.
 */
export function ReplyChart({ days }: { days: Day[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const uid = useId().replace(/:/g, '');
  const [asTable, setAsTable] = useState(false);
  const fill = (series: Series) => (series === 'sent' ? undefined : `url(#${uid}-${series})`);
  const label = (series: Series) => t(`replies.chart.${series}`);

  const totals = { sent: 0, read: 0, printed: 0 };
  for (const day of days) for (const s of CHART_SERIES) totals[s] += day[s];
  const peak = days.reduce<Day | null>((best, day) => (best === null || day.sent > best.sent ? day : best), null);
  const top = niceMax(Math.max(0, ...days.flatMap((d) => CHART_SERIES.map((s) => d[s]))));
  const y = (n: number) => TOP + PLOT_H - (n / top) * PLOT_H;
  const width = LEFT + days.length * GROUP + GAP;
  const height = TOP + PLOT_H + BOTTOM;

  if (days.length === 0) return <Paragraph data-testid="reply-chart-none">{t('replies.chart.none')}</Paragraph>;

  const summary = [
    t('replies.chart.summary', { days: days.length, sent: totals.sent, read: totals.read, printed: totals.printed }),
    peak && peak.sent > 0 ? t('replies.chart.peak', { count: peak.sent, date: format.isoDate(peak.date, false) }) : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div className="pm-chart" data-testid="reply-chart">
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${width} ${height}`}
        className="pm-chart-svg"
        data-testid="reply-chart-svg"
      >
        <defs>
          <pattern id={`${uid}-read`} width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="5" height="5" className="pm-chart-paper" />
            <line x1="0" y1="0" x2="0" y2="5" className="pm-chart-ink--read" strokeWidth="3" />
          </pattern>
          <pattern id={`${uid}-printed`} width="4" height="4" patternUnits="userSpaceOnUse">
            <rect width="4" height="4" className="pm-chart-paper" />
            <circle cx="2" cy="2" r="1.3" className="pm-chart-dot--printed" />
          </pattern>
        </defs>
        {/* whole replies only: no «0,5» tick when the peak is 1 */}
        {(Number.isInteger(top / 2) ? [0, top / 2, top] : [0, top]).map((tick) => (
          <g key={tick}>
            <line x1={LEFT - 3} x2={width} y1={y(tick)} y2={y(tick)} className="pm-chart-grid" />
            <text x={LEFT - 6} y={y(tick)} dy="0.35em" textAnchor="end" className="pm-chart-text">
              {format.number(tick)}
            </text>
          </g>
        ))}
        {days.map((day, i) => {
          const x0 = LEFT + GAP + i * GROUP;
          const showLabel = (days.length - 1 - i) % LABEL_EVERY === 0;
          return (
            <g key={day.date}>
              {CHART_SERIES.map((s, j) => (
                <rect
                  key={s}
                  x={x0 + j * BAR}
                  y={y(day[s])}
                  width={BAR - 1}
                  height={Math.max(0, TOP + PLOT_H - y(day[s]))}
                  className={`pm-chart-bar pm-chart-bar--${s}`}
                  fill={fill(s)}
                >
                  <title>{`${format.isoDate(day.date, false)}: ${day[s]} ${label(s).toLowerCase()}`}</title>
                </rect>
              ))}
              {showLabel && (
                <text x={x0 + (CHART_SERIES.length * BAR) / 2} y={TOP + PLOT_H + 16} textAnchor="middle" className="pm-chart-text">
                  {format.isoDate(day.date, false)}
                </text>
              )}
            </g>
          );
        })}
        <line x1={LEFT} x2={width} y1={TOP + PLOT_H} y2={TOP + PLOT_H} className="pm-chart-axis" />
      </svg>

      <ul className="pm-chart-legend" aria-label={t('replies.chart.legend')} data-testid="reply-chart-legend">
        {CHART_SERIES.map((s) => (
          <li key={s}>
            <svg width="16" height="16" aria-hidden="true" className="pm-chart-swatch">
              <rect x="1" y="1" width="14" height="14" className={`pm-chart-bar pm-chart-bar--${s}`} fill={fill(s)} />
            </svg>
            {label(s)}: <span className="pm-number">{format.number(totals[s])}</span>
          </li>
        ))}
      </ul>

      <div>
        <Button variant="tertiary" data-size="sm" aria-expanded={asTable} aria-controls={`${uid}-table`} onClick={() => setAsTable((v) => !v)}>
          {asTable ? t('replies.chart.hideTable') : t('replies.chart.showTable')}
        </Button>
      </div>
      <div id={`${uid}-table`} hidden={!asTable}>
        {asTable && <DaysTable days={days} totals={totals} />}
      </div>
    </div>
  );
}

/**
 * The chart's numbers as a table: only the days with something sent, read or printed (thirty rows of
 * zeros say nothing), and the sums for the whole period.
 */
function DaysTable({ days, totals }: { days: Day[]; totals: Record<Series, number> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const withData = days.filter((d) => CHART_SERIES.some((s) => d[s] > 0));
  const caption = t('repliesWs.chart.tableCaption', { days: days.length });
  if (withData.length === 0) return <Paragraph data-testid="reply-chart-no-days">{t('repliesWs.chart.noDays', { days: days.length })}</Paragraph>;
  return (
    <>
      <Paragraph data-size="sm" data-testid="reply-chart-days">
        {t('repliesWs.chart.daysWithData', { count: withData.length, days: days.length })}
      </Paragraph>
      {/* at 320 px the four columns may be wider than the screen: a labelled region that scrolls, reachable by keyboard */}
      <div className="pm-table-scroll" role="region" aria-label={caption} tabIndex={0}>
        <Table zebra border data-color="neutral" className="pm-table pm-reply-days" data-testid="reply-chart-table">
          <caption className="ds-sr-only">{caption}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('replies.chart.date')}</Table.HeaderCell>
              {CHART_SERIES.map((s) => (
                <Table.HeaderCell key={s}>{t(`replies.chart.${s}`)}</Table.HeaderCell>
              ))}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {withData.map((d) => (
              <Table.Row key={d.date}>
                <Table.HeaderCell scope="row" className="pm-row-head">
                  {format.isoDate(d.date)}
                </Table.HeaderCell>
                {CHART_SERIES.map((s) => (
                  <Table.Cell key={s} className="pm-number">
                    {format.number(d[s])}
                  </Table.Cell>
                ))}
              </Table.Row>
            ))}
          </Table.Body>
          <Table.Foot>
            <Table.Row>
              <Table.HeaderCell scope="row" className="pm-row-head">
                {t('repliesWs.chart.total')}
              </Table.HeaderCell>
              {CHART_SERIES.map((s) => (
                <Table.Cell key={s} className="pm-number" data-testid={`reply-chart-total-${s}`}>
                  {format.number(totals[s])}
                </Table.Cell>
              ))}
            </Table.Row>
          </Table.Foot>
        </Table>
      </div>
    </>
  );
}
