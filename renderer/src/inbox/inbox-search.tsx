import { Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, type RefObject, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

export const SEARCH_DEBOUNCE_MS = 350;

interface Props {
  /** The search in the URL; the field follows it when it changes from outside (reset). */
  value: string;
  onSearch: (q: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}

/** Full-text search: submits q after a pause in typing, or at once on Enter. */
export function InboxSearch({ value, onSearch, inputRef }: Props) {
  const { t } = useTranslation();
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
    <form role="search" onSubmit={submit} className="pm-search">
      <Textfield
        ref={inputRef}
        type="search"
        label={t('inbox.search.label')}
        description={t('inbox.search.description')}
        value={current}
        maxLength={200}
        autoComplete="off"
        onChange={(event) => setText({ basis: value, text: event.target.value })}
        data-size="sm"
      />
    </form>
  );
}
