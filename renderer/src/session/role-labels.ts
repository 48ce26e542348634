import type { TFunction } from 'i18next';
import type { Role } from '../../../electron/ipc/desk.contract';

const ROLE_KEYS = {
  saksbehandler: 'roles.saksbehandler',
  leder: 'roles.leder',
  arkivar: 'roles.arkivar',
  'it-admin': 'roles.itAdmin',
} as const;

export const roleLabel = (t: TFunction, role: Role): string => t(ROLE_KEYS[role]);

/** "saksbehandler, leder" in words of the UI language; "–" for a user with no role. */
export const rolesLabel = (t: TFunction, roles: readonly Role[]): string =>
  roles.length === 0 ? t('common.empty') : roles.map((r) => roleLabel(t, r)).join(', ');
