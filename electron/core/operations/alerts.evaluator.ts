import type { Condition } from './alerts.conditions';
import type { AlertKind, Incident, IncidentText } from './alerts.types';

/**
 * The alert evaluator: open incidents and what was observed now → what to open, touch and clear.
 *
 * - One incident per problem while it lasts: a condition whose key has an open incident never
 *   opens a second one (and so never sends a second mail); it only refreshes the words.
 * - Hysteresis: an incident clears only when its condition has stayed away for `clearAfterMs`
 *   (config clearAfterMinutes, default 5). A condition that comes back within that time keeps the
 *   same incident open: a link that flaps every minute gives one alert and, once it has stayed
 *   well for the whole time, one recovery, not a mail a minute. (The conditions add their own
 *   margin on top: see alerts.conditions.ts, `opens` versus `holds`.)
 * - A kind that could not be observed this time (its source failed) is left as it is: an
 *   unreadable disk does not clear the disk incident.
 */
export interface Evaluation {
  open: (IncidentText & { key: string; kind: AlertKind })[];
  touch: { incident: Incident; text: IncidentText; lastSeenAt: number; clearPendingSince: number | null }[];
  clear: Incident[];
}

export function evaluate(open: readonly Incident[], conditions: readonly Condition[], observed: ReadonlySet<AlertKind>, o: { now: number; clearAfterMs: number }): Evaluation {
  const byKey = new Map<string, Condition>();
  for (const c of conditions) if (!byKey.has(c.key)) byKey.set(c.key, c);
  const out: Evaluation = { open: [], touch: [], clear: [] };
  const openKeys = new Set<string>();
  for (const incident of open) {
    openKeys.add(incident.key);
    if (!observed.has(incident.kind)) continue;
    const c = byKey.get(incident.key);
    if (c && (c.holds || c.opens)) {
      out.touch.push({ incident, text: { title: c.title, message: c.message, advice: c.advice }, lastSeenAt: o.now, clearPendingSince: null });
      continue;
    }
    const since = incident.clearPendingSince ?? o.now;
    if (o.now - since >= o.clearAfterMs) out.clear.push(incident);
    else if (incident.clearPendingSince === null) {
      // gone for the first time: remember since when, keep the words as they were
      out.touch.push({ incident, text: { title: incident.title, message: incident.message, advice: incident.advice }, lastSeenAt: incident.lastSeenAt, clearPendingSince: since });
    }
  }
  for (const c of byKey.values()) {
    if (c.opens && observed.has(c.kind) && !openKeys.has(c.key)) out.open.push({ key: c.key, kind: c.kind, title: c.title, message: c.message, advice: c.advice });
  }
  return out;
}

/**
 * Whether an incident is told by e-mail: not the mail server's own trouble (the mail about it
 * could not get through the server it is about); the Varsler screen shows those.
 */
export const isMailable = (key: string): boolean => key !== 'integration:smtp' && key !== 'job-dead:alerts.mail';
