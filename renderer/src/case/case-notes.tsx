import { Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseWork } from '../../../electron/ipc/desk.contract';
import { useAction } from '../bridge/use-action.hook';
import { DateTime } from '../shared/date-time';
import { Section } from '../shared/section';
import { CommandResult } from './command-result';
import { useCaseCommand } from './use-case-work.hook';

interface Props {
  publicId: string;
  work: CaseWork;
  now: number;
  apply: (work: CaseWork) => void;
}

/** Internal notes: never part of the letter or the archive copy. */
export function CaseNotes({ publicId, work, now, apply }: Props) {
  const { t } = useTranslation();
  const note = useAction('cases.note');
  const command = useCaseCommand(apply);
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const saved = await command.run('note', () => note({ publicId, text: text.trim() }), () => t('case.notes.added'));
    if (saved) setText('');
  };

  return (
    <Section id="case-notes-heading" title={t('case.notes.heading')}>
      {work.notes.length === 0 ? (
        <Paragraph data-testid="notes-none">{t('case.notes.none')}</Paragraph>
      ) : (
        <ol className="pm-notes" data-testid="case-notes">
          {work.notes.map((n, i) => (
            <li key={`${n.at}-${i}`} className="pm-note">
              <Paragraph data-size="sm" className="pm-muted">
                {n.author} · <DateTime ms={n.at} now={now} />
              </Paragraph>
              <Paragraph className="pm-pre">{n.text}</Paragraph>
            </li>
          ))}
        </ol>
      )}
      {work.can.note && (
        <form onSubmit={(e) => void submit(e)} className="pm-stack">
          <Textfield
            multiline
            rows={3}
            label={t('case.notes.new')}
            description={t('case.notes.newHint')}
            value={text}
            maxLength={4000}
            onChange={(e) => setText(e.target.value)}
            error={missing ? t('case.notes.required') : undefined}
          />
          <div>
            <Button type="submit" variant="secondary" data-size="sm" loading={command.pending === 'note'}>
              {t('case.notes.add')}
            </Button>
          </div>
        </form>
      )}
      <CommandResult outcome={command.outcome} testId="notes-result" />
    </Section>
  );
}
