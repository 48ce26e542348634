import { Button, Label, Select, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseWork } from '../../../electron/ipc/desk.contract';
import { useAction } from '../bridge/use-action.hook';
import { useFormat } from '../i18n/use-format.hook';
import { FactList, type Fact } from '../shared/fact-list';
import { Section } from '../shared/section';
import { CommandResult } from './command-result';
import { useCaseCommand } from './use-case-work.hook';

interface Props {
  publicId: string;
  work: CaseWork;
  /** Kept for the page's uniform props; the deadline is shown in the page heading. */
  now?: number;
  apply: (work: CaseWork) => void;
}

/** Who has the case: claim, release and (for a leder) reassign, on as few lines as the width allows. */
export function CaseWorkPanel({ publicId, work, apply }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const claim = useAction('cases.claim');
  const release = useAction('cases.release');
  const command = useCaseCommand(apply, work);

  // the case's state and deadline are in the page heading; here who has it and what the profile asks for
  const facts: Fact[] = [
    { label: t('case.work.assignee'), value: work.assignee?.name ?? t('case.unassigned'), testId: 'work-assignee' },
    ...(work.preliminaryReplyAt !== null
      ? [{ label: t('case.work.preliminary'), value: format.date(work.preliminaryReplyAt), testId: 'work-preliminary' }]
      : []),
    ...(work.secondApprovalRequired ? [{ label: t('case.work.approval'), value: t('case.work.secondApproval'), testId: 'work-second-approval' }] : []),
  ];

  return (
    <Section id="case-work-heading" title={t('case.work.heading')}>
      <div className="pm-case-work-bar">
        <FactList facts={facts} />
        {(work.can.claim || work.can.release) && (
          <div className="pm-actions">
            {work.can.claim && (
              <Button
                data-size="sm"
                loading={command.pending === 'claim'}
                onClick={() => void command.run('claim', () => claim({ publicId }), () => t('case.work.claimed'))}
              >
                {t('case.work.claim')}
              </Button>
            )}
            {work.can.release && (
              <Button
                variant="secondary"
                data-size="sm"
                loading={command.pending === 'release'}
                onClick={() => void command.run('release', () => release({ publicId }), () => t('case.work.released'))}
              >
                {t('case.work.release')}
              </Button>
            )}
          </div>
        )}
      </div>
      {work.can.reassign && <ReassignForm publicId={publicId} current={work.assignee?.account ?? null} assignable={work.assignable} command={command} />}
      <CommandResult outcome={command.outcome} testId="work-result" />
    </Section>
  );
}

function ReassignForm({ publicId, current, assignable, command }: { publicId: string; current: string | null; assignable: CaseWork['assignable']; command: ReturnType<typeof useCaseCommand> }) {
  const { t } = useTranslation();
  const id = useId();
  const reassign = useAction('cases.reassign');
  // only the people the hub says may see the case and work it; with none known, the leder types the account
  const users = assignable;
  const [to, setTo] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const account = to.trim();
    if (!account) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const name = users.find((u) => u.account === account)?.name ?? account;
    void command.run('reassign', () => reassign({ publicId, to: account }), () => t('case.work.reassigned', { name }));
  };

  return (
    <form className="pm-inline-form" onSubmit={submit} data-testid="reassign-form">
      {users.length > 0 ? (
        <div>
          <Label htmlFor={id} data-size="sm">
            {t('case.work.reassignTo')}
          </Label>
          <Select id={id} data-size="sm" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={missing || undefined}>
            <Select.Option value="">{t('case.work.pickUser')}</Select.Option>
            {users
              .filter((u) => u.account !== current)
              .map((u) => (
                <Select.Option key={u.account} value={u.account}>
                  {u.name}
                </Select.Option>
              ))}
          </Select>
          {missing && <p className="pm-field-error">{t('case.work.pickUserError')}</p>}
        </div>
      ) : (
        <Textfield
          label={t('case.work.reassignAccount')}
          data-size="sm"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          error={missing ? t('case.work.pickUserError') : undefined}
        />
      )}
      <Button type="submit" variant="secondary" data-size="sm" loading={command.pending === 'reassign'}>
        {t('case.work.reassign')}
      </Button>
    </form>
  );
}
