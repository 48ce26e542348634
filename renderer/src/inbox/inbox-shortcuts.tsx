import { Heading, Paragraph, Popover } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

const SHORTCUTS = [
  { keys: ['↑', '↓'], alt: ['k', 'j'], what: 'inbox.shortcuts.move' },
  { keys: ['PgUp', 'PgDn'], alt: [], what: 'inbox.shortcuts.page' },
  { keys: ['Home', 'End'], alt: [], what: 'inbox.shortcuts.ends' },
  { keys: ['Enter'], alt: [], what: 'inbox.shortcuts.open' },
  { keys: ['c'], alt: [], what: 'inbox.shortcuts.claim' },
  { keys: ['/'], alt: [], what: 'inbox.shortcuts.search' },
] as const;

/** The keyboard map behind a small «Hurtigtaster» button: open to everyone who asks, taking no row of its own. */
export function InboxShortcuts() {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <div className="pm-inbox-shortcuts" data-testid="inbox-shortcuts">
      <Popover.TriggerContext>
        <Popover.Trigger variant="tertiary" data-size="sm">
          {t('inbox.shortcuts.title')}
        </Popover.Trigger>
        <Popover data-size="sm" placement="bottom-end" className="pm-inbox-popover" aria-labelledby={headingId}>
          <Heading level={2} data-size="2xs" id={headingId}>
            {t('inbox.shortcuts.title')}
          </Heading>
          <Paragraph data-size="sm">{t('inbox.shortcuts.intro')}</Paragraph>
          <dl className="pm-inbox-keys">
            {SHORTCUTS.map((s) => (
              <div key={s.what}>
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
        </Popover>
      </Popover.TriggerContext>
    </div>
  );
}
