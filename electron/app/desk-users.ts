import type { DeskUser } from '../core/desk/desk.types';
import type { AccessConfig } from './config/config.schema';

/** The demo's sample users: switch between them to see what screening hides. */
export const DEMO_USERS: readonly DeskUser[] = [
  { account: 'kari', name: 'Kari Saksbehandler', roles: ['saksbehandler'], groups: [] },
  { account: 'hanne', name: 'Hanne Helse', roles: ['saksbehandler'], groups: ['helse-tildeling'] },
  { account: 'leif', name: 'Leif Leder', roles: ['saksbehandler', 'leder'], groups: ['helse-tildeling'] },
  // #14: a second leader, so a case sent back by one leader can be approved by another
  { account: 'lise', name: 'Lise Leder', roles: ['saksbehandler', 'leder'], groups: ['helse-tildeling'] },
  { account: 'arne', name: 'Arne Arkivar', roles: ['arkivar'], groups: [] },
  { account: 'ida', name: 'Ida IT-drift', roles: ['it-admin'], groups: [] },
];

export interface UserDirectory {
  current(): DeskUser;
  /** Demo only: act as another sample user. Returns undefined for an unknown account or outside the demo. */
  switchTo(account: string): DeskUser | undefined;
  /** The users one may switch to (the demo's), empty otherwise. */
  switchable(): DeskUser[];
  byAccount(account: string): DeskUser | undefined;
  all(): DeskUser[];
}

/**
 * Maps the operating-system account to a desk user. IT lists users with roles and groups in
 * `access.users`; an account not listed there gets no roles and sees nothing. With no list at
 * all (a single-user installation) the account that runs Postmottak has every role and no
 * group, so screened services stay hidden until IT grants a group.
 */
export function createUserDirectory(o: { access: AccessConfig; demo: boolean; account: string }): UserDirectory {
  const configured = Object.entries(o.access.users).map(([account, u]): DeskUser => ({ account, name: u.name, roles: [...u.roles], groups: [...u.groups], unit: u.unit ?? null }));
  const users: DeskUser[] = configured.length
    ? configured
    : o.demo
      ? [...DEMO_USERS]
      : // #13 item 8: the archive gets the configured default saksbehandler and unit, not the OS account
        [{ account: o.account, name: o.access.defaultSaksbehandler ?? o.account, roles: ['saksbehandler', 'leder', 'arkivar', 'it-admin'], groups: [], unit: o.access.defaultUnit ?? null }];
  const byAccount = (account: string) => users.find((u) => u.account === account);
  const unknown: DeskUser = { account: o.account, name: o.account, roles: [], groups: [] };
  let current: DeskUser = byAccount(o.account) ?? (o.demo && !configured.length ? DEMO_USERS[0]! : unknown);
  const canSwitch = o.demo && !configured.length;
  return {
    current: () => current,
    switchTo(account) {
      const u = canSwitch ? byAccount(account) : undefined;
      if (u) current = u;
      return u;
    },
    switchable: () => (canSwitch ? [...users] : []),
    byAccount,
    all: () => [...users],
  };
}
