import type { TFunction } from 'i18next';

const KINDS = {
  transient: 'errorKinds.transient',
  'rate-limited': 'errorKinds.rateLimited',
  auth: 'errorKinds.auth',
  validation: 'errorKinds.validation',
  permanent: 'errorKinds.permanent',
} as const;

/** IntegrationError kinds from the architecture, in words; anything else stays as sent. */
export function errorKindLabel(t: TFunction, kind: string): string {
  const key = (KINDS as Record<string, (typeof KINDS)[keyof typeof KINDS]>)[kind];
  return key ? t(key) : kind;
}
