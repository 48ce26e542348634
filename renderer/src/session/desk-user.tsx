import { Label, Select } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskUser as User, Session } from '../../../electron/ipc/desk.contract';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import { rolesLabel } from './role-labels';

interface Props {
  session: Session | null;
  /** Called after the hub has switched user; the layout refetches every screen. */
  onSwitched: (session: Session) => void;
}

/** The user at the desk in the header, and in the demo a select to act as another sample user. */
export function DeskUser({ session, onSwitched }: Props) {
  const { t } = useTranslation();
  if (!session) return null;
  const { user, switchable } = session;
  return (
    <div className="pm-user" data-testid="desk-user">
      <span>
        {t('session.signedInAs')} <strong data-testid="desk-user-name">{user.name}</strong>{' '}
        <span className="pm-muted">({rolesLabel(t, user.roles)})</span>
      </span>
      {switchable.length > 0 && <UserSwitch user={user} switchable={switchable} onSwitched={onSwitched} />}
    </div>
  );
}

function UserSwitch({ user, switchable, onSwitched }: { user: User; switchable: User[]; onSwitched: (session: Session) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const switchUser = useAction('session.switchUser');
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'ok'; name: string } | { kind: 'error'; error: AppError } | null>(null);
  const users = [user, ...switchable.filter((u) => u.account !== user.account)];

  const change = async (account: string) => {
    if (pending || account === user.account) return;
    setPending(true);
    setOutcome(null);
    const result = await switchUser({ account });
    setPending(false);
    if (result.ok) {
      setOutcome({ kind: 'ok', name: result.value.user.name });
      onSwitched(result.value);
    } else {
      setOutcome({ kind: 'error', error: result.error });
    }
  };

  return (
    <div className="pm-user-switch">
      <Label htmlFor={id} data-size="sm">
        {t('session.switchLabel')}
      </Label>
      <Select id={id} width="auto" data-size="sm" value={user.account} disabled={pending} onChange={(event) => void change(event.target.value)}>
        {users.map((u) => (
          <Select.Option key={u.account} value={u.account}>
            {t('session.option', { name: u.name, roles: rolesLabel(t, u.roles) })}
          </Select.Option>
        ))}
      </Select>
      <LiveRegion className="pm-live">
        {outcome?.kind === 'ok' && <span data-testid="desk-user-switched">{t('session.switched', { name: outcome.name })}</span>}
        {outcome?.kind === 'error' && <ErrorAlert error={outcome.error} title={t('session.switchFailed')} />}
      </LiveRegion>
    </div>
  );
}
