import { parseProfile, type ProfileIssue, type ServiceProfile } from './profile.schema';

/**
 * Deriving a profile from another: the changes are a JSON Merge Patch (RFC 7396) — objects
 * merge, null removes a key, arrays and values replace — so a municipality can write
 * exactly what differs, e.g. { "fields": { "reason": null, "consent": { … } } }.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** The dotted keys where two profiles differ, as deep as both sides are objects. */
export function diffProfiles(a: unknown, b: unknown, prefix = ''): string[] {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => diffProfiles(a[k], b[k], prefix ? `${prefix}.${k}` : k));
  }
  return deepEqual(a, b) ? [] : [prefix || '(rot)'];
}

/** Keys the copy manages itself; a patch may not set them. */
const MANAGED = ['id', 'version', 'basedOn', 'schemaVersion'] as const;

export interface CopyProfileOptions {
  /** A new id makes a new profile (version 1, basedOn the original); none makes the next version of the same profile. */
  id?: string;
  patch?: JsonValue;
}

export type CopyProfileResult = { ok: true; profile: ServiceProfile; changed: string[] } | { ok: false; issues: ProfileIssue[] };

export function copyProfile(base: ServiceProfile, options: CopyProfileOptions = {}): CopyProfileResult {
  const patch = options.patch ?? {};
  const managed = isObject(patch) ? MANAGED.filter((k) => k in patch) : [];
  if (managed.length > 0) return { ok: false, issues: managed.map((k) => ({ key: k, message: 'settes av kopieringen, ikke i endringene' })) };

  const next = applyMergePatch(JSON.parse(JSON.stringify(base)), patch) as Record<string, unknown>;
  if (options.id !== undefined && options.id !== base.id) {
    next.id = options.id;
    next.version = 1;
    next.basedOn = { id: base.id, version: base.version };
  } else {
    next.version = base.version + 1;
  }
  const parsed = parseProfile(next);
  if (!parsed.ok) return parsed;
  return { ok: true, profile: parsed.profile, changed: diffProfiles(base, parsed.profile) };
}
