import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { cronWords } from './cron-words';

const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** The cron expression in the user's language ("hvert 5. minutt"). */
export function useCronText(): (expr: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (expr: string) => {
      const w = cronWords(expr);
      const day = (d: number) => t(`integrations.cron.days.${DAY_KEYS[d % 7]!}`);
      switch (w.key) {
        case 'weekdaysAt': {
          const consecutive = w.days.length > 2 && w.days.every((d, i) => i === 0 || (d + 6) % 7 === ((w.days[i - 1]! + 6) % 7) + 1);
          const days =
            w.days.length === 1
              ? t('integrations.cron.everyDay', { day: day(w.days[0]!) })
              : consecutive
                ? `${day(w.days[0]!)}–${day(w.days[w.days.length - 1]!)}`
                : w.days.slice(0, -1).map(day).join(', ') + t('integrations.cron.and') + day(w.days[w.days.length - 1]!);
          return t('integrations.cron.weekdaysAt', { days, time: w.time });
        }
        case 'everyMinute':
          return t('integrations.cron.everyMinute');
        default:
          return t(`integrations.cron.${w.key}`, { ...w });
      }
    },
    [t],
  );
}
