import { Input, Label, Paragraph, Popover } from '@digdir/designsystemet-react';
import { QuestionmarkCircleIcon } from '@navikt/aksel-icons';
import { type FormEvent, type RefObject, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export const SEARCH_DEBOUNCE_MS = 350;
/** The hub's limit for a search (cases.list `q`); longer text is cut here, not refused there. */
export const SEARCH_MAX = 200;

interface Props {
  /** The search in the URL; the field follows it when it changes from outside (reset). */
  value: string;
  onSearch: (q: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}

/**
 * Full-text search on one line: the label beside the field, the help behind «?» (and read to screen readers as the
 * field's description). Submits q after a pause in typing, or at once on Enter.
 */
export function InboxSearch({ value, onSearch, inputRef }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const helpId = useId();
  const [text, setText] = useState({ basis: value, text: value });
  // A new value from the URL (e.g. "Nullstill") replaces what was typed.
  const current = text.basis === value ? text.text : value;

  useEffect(() => {
    if (current.trim() === value) return;
    const timer = setTimeout(() => onSearch(current.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [current, value, onSearch]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(current.trim());
  };

  return (
    <form role="search" onSubmit={submit} className="pm-inbox-search">
      <Label htmlFor={id} data-size="sm" className="pm-inbox-search-label">
        {t('inbox.search.label')}
      </Label>
      <Input
        id={id}
        ref={inputRef}
        type="search"
        data-size="sm"
        value={current}
        maxLength={SEARCH_MAX}
        autoComplete="off"
        aria-describedby={helpId}
        className="pm-inbox-search-input"
        onChange={(event) => setText({ basis: value, text: event.target.value.slice(0, SEARCH_MAX) })}
      />
      <span id={helpId} className="ds-sr-only">
        {t('inbox.search.description')}
      </span>
      <Popover.TriggerContext>
        <Popover.Trigger variant="tertiary" data-size="sm" icon aria-label={t('inboxWs.searchHelp')} data-testid="inbox-search-help">
          <QuestionmarkCircleIcon aria-hidden />
        </Popover.Trigger>
        <Popover data-size="sm" placement="bottom" className="pm-inbox-popover">
          <Paragraph data-size="sm">{t('inbox.search.description')}</Paragraph>
        </Popover>
      </Popover.TriggerContext>
    </form>
  );
}
