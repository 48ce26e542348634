import { Label, Paragraph, Popover, Select } from '@digdir/designsystemet-react';
import { ChevronDownIcon, PersonCircleIcon } from '@navikt/aksel-icons';
import { type ReactNode, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskUser as User, Session } from '../../../electron/ipc/desk.contract';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { ErrorAlert } from '../shared/error-alert';
import { rolesLabel } from './role-labels';

interface Props {
  session: Session | null;
  /** Called after the hub has switched user; the layout refetches every screen and says so in a toast. */
  onSwitched: (session: Session) => void;
  /** More settings for the panel (the language choice). */
  children?: ReactNode;
}

/**
 * The user at the desk in the header: their name on a button that opens a small panel with their
 * roles, in the demo a select to act as another sample user, and the language. The header stays
 * one line whatever happens in the panel; what a switch did is said by the layout's toast.
 */
export function DeskUser({ session, onSwitched, children }: Props) {
  const { t } = useTranslation();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  if (!session) return null;
  const { user, switchable } = session;

  const switched = (next: Session) => {
    setOpen(false);
    triggerRef.current?.focus();
    onSwitched(next);
  };

  return (
    <div className="pm-user" data-testid="desk-user">
      <Popover.TriggerContext>
        <Popover.Trigger
          ref={triggerRef}
          variant="tertiary"
          data-size="sm"
          className="pm-user-button"
          aria-label={t('shell.userMenu', { name: user.name })}
          aria-expanded={open}
        >
          <PersonCircleIcon aria-hidden className="pm-user-icon" />
          <span className="pm-user-name" data-testid="desk-user-name">
            {user.name}
          </span>
          <ChevronDownIcon aria-hidden />
        </Popover.Trigger>
        <Popover
          placement="bottom-end"
          open={open}
          onOpen={() => setOpen(true)}
          onClose={() => setOpen(false)}
          className="pm-user-panel"
          data-testid="desk-user-panel"
        >
          <Paragraph data-size="sm">
            <strong>{user.name}</strong>
            <span className="pm-block pm-muted" data-testid="desk-user-roles">
              {t('shell.roles', { roles: rolesLabel(t, user.roles) })}
            </span>
          </Paragraph>
          {switchable.length > 0 && <UserSwitch user={user} switchable={switchable} onSwitched={switched} />}
          {children}
        </Popover>
      </Popover.TriggerContext>
    </div>
  );
}

function UserSwitch({ user, switchable, onSwitched }: { user: User; switchable: User[]; onSwitched: (session: Session) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const switchUser = useAction('session.switchUser');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const users = [user, ...switchable.filter((u) => u.account !== user.account)];

  const change = async (account: string) => {
    if (pending || account === user.account) return;
    setPending(true);
    setFailure(null);
    const result = await switchUser({ account });
    setPending(false);
    if (result.ok) onSwitched(result.value);
    else setFailure(result.error);
  };

  return (
    <div className="pm-user-field">
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
      {/* A failed switch stays in the panel, beside the control that failed (the panel is open: the user just chose). */}
      {failure && <ErrorAlert error={failure} title={t('session.switchFailed')} />}
    </div>
  );
}
