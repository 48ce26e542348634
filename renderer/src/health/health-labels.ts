import type { TFunction } from 'i18next';
import { healthNb } from './health.messages';

type Known<T> = keyof T & string;
const has = <T extends object>(o: T, k: string): k is Known<T> => Object.prototype.hasOwnProperty.call(o, k);

/** An integration's name in words; one the UI does not know keeps its technical key. */
export function integrationLabel(t: TFunction, key: string): string {
  return has(healthNb.integrations, key) ? t(`health.integrations.${key}`) : key;
}

/** The kind of a failure in words, and what IT should do about it; unknown kinds as they are, without advice. */
export function failureKind(t: TFunction, kind: string | null): { label: string | null; advice: string | null } {
  if (kind === null) return { label: null, advice: null };
  return has(healthNb.kinds, kind) ? { label: t(`health.kinds.${kind}`), advice: t(`health.advice.${kind}`) } : { label: kind, advice: null };
}
