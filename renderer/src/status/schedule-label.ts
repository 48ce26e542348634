import type { TFunction } from 'i18next';
import { scheduleName } from '../jobs/job-names';

/** Readable name for a schedule (#14: every schedule the hub defines has one in nb/nn/en); unknown ones keep their technical name. */
export function scheduleLabel(t: TFunction, name: string): string {
  return scheduleName(t, name);
}
