/**
 * A five-field cron expression in words ("hvert 5. minutt", "hver dag kl. 02:00"), for the
 * common shapes IT writes; anything else is shown as the expression itself. The scheduler
 * (node-cron) is what runs it: these words only explain it.
 */

export type CronWords =
  | { key: 'everyMinute' }
  | { key: 'everyNMinutes'; n: number }
  | { key: 'hourlyAt'; minute: number }
  | { key: 'everyNHours'; n: number; minute: number }
  | { key: 'dailyAt'; time: string }
  | { key: 'weekdaysAt'; days: number[]; time: string }
  | { key: 'monthlyAt'; day: number; time: string }
  | { key: 'custom'; expr: string }
  | { key: 'invalid'; expr: string };

const NUM = /^\d{1,2}$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** "1-5" or "1,3,5" or "0" as day numbers (0 and 7 are Sunday), or null for other shapes. */
function days(field: string): number[] | null {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const range = /^(\d)-(\d)$/.exec(part);
    if (range) {
      for (let d = Number(range[1]); d <= Number(range[2]); d++) out.add(d % 7);
    } else if (/^\d$/.test(part)) out.add(Number(part) % 7);
    else return null;
  }
  return [...out].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
}

/** "2" or "2,14" as times with the minute: "02:00", "02:00 og 14:00" is left to the caller (joined with commas). */
function times(hourField: string, minute: number): string | null {
  const hours = hourField.split(',');
  if (!hours.every((h) => NUM.test(h) && Number(h) < 24)) return null;
  return hours.map((h) => `${pad(Number(h))}:${pad(minute)}`).join(', ');
}

export function cronWords(expr: string): CronWords {
  const f = expr.trim().split(/\s+/);
  if (f.length !== 5) return { key: 'invalid', expr };
  const [min, hour, dom, mon, dow] = f as [string, string, string, string, string];
  if (mon !== '*') return { key: 'custom', expr };
  const every = /^\*\/(\d{1,2})$/;
  if (dom === '*' && dow === '*') {
    if (min === '*' && hour === '*') return { key: 'everyMinute' };
    const m = every.exec(min);
    if (m && hour === '*') return Number(m[1]) === 1 ? { key: 'everyMinute' } : { key: 'everyNMinutes', n: Number(m[1]) };
    if (NUM.test(min) && Number(min) < 60) {
      if (hour === '*') return { key: 'hourlyAt', minute: Number(min) };
      const h = every.exec(hour);
      if (h) return { key: 'everyNHours', n: Number(h[1]), minute: Number(min) };
      const t = times(hour, Number(min));
      if (t) return { key: 'dailyAt', time: t };
    }
    return { key: 'custom', expr };
  }
  if (!NUM.test(min) || Number(min) >= 60) return { key: 'custom', expr };
  const t = times(hour, Number(min));
  if (!t) return { key: 'custom', expr };
  if (dom === '*') {
    const d = days(dow);
    return d && d.length > 0 ? { key: 'weekdaysAt', days: d, time: t } : { key: 'custom', expr };
  }
  if (dow === '*' && NUM.test(dom) && Number(dom) >= 1 && Number(dom) <= 31) return { key: 'monthlyAt', day: Number(dom), time: t };
  return { key: 'custom', expr };
}
