import { Details } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

const SHORTCUTS = [
  { keys: ['↑', '↓'], alt: ['k', 'j'], what: 'inbox.shortcuts.move' },
  { keys: ['PgUp', 'PgDn'], alt: [], what: 'inbox.shortcuts.page' },
  { keys: ['Home', 'End'], alt: [], what: 'inbox.shortcuts.ends' },
  { keys: ['Enter'], alt: [], what: 'inbox.shortcuts.open' },
  { keys: ['c'], alt: [], what: 'inbox.shortcuts.claim' },
  { keys: ['/'], alt: [], what: 'inbox.shortcuts.search' },
] as const;

/** The keyboard map, visible to everyone who opens it (not hidden in a tooltip). */
export function InboxShortcuts() {
  const { t } = useTranslation();
  return (
    <Details className="pm-shortcuts" data-testid="inbox-shortcuts">
      <Details.Summary>{t('inbox.shortcuts.title')}</Details.Summary>
      <Details.Content>
        <p>{t('inbox.shortcuts.intro')}</p>
        <dl className="pm-facts">
          {SHORTCUTS.map((s) => (
            <div key={s.what} className="pm-fact">
              <dt>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' / '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
                {s.alt.length > 0 && (
                  <>
                    {` ${t('inbox.shortcuts.or')} `}
                    {s.alt.map((k, i) => (
                      <span key={k}>
                        {i > 0 && ' / '}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </>
                )}
              </dt>
              <dd>{t(s.what)}</dd>
            </div>
          ))}
        </dl>
      </Details.Content>
    </Details>
  );
}
