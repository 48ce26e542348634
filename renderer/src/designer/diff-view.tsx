import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../bridge/bridge';

export type DiffLine = ChannelOutput<'mappings.diff'>[number];

const SIGNS = { added: '+', removed: '−', same: ' ' } as const;

/**
 * Line diff between two versions: each changed line carries a sign and a word (for screen
 * readers) besides its colour, so the change never rests on colour alone (WCAG 1.4.1).
 */
export function DiffView({ lines, from, to }: { lines: DiffLine[]; from: number; to: number }) {
  const { t } = useTranslation();
  const added = lines.filter((l) => l.kind === 'added').length;
  const removed = lines.filter((l) => l.kind === 'removed').length;
  const words = { added: t('designer.history.added'), removed: t('designer.history.removed'), same: t('designer.history.unchanged') };
  return (
    <div className="pm-diff-wrap" data-testid="design-diff">
      <Paragraph data-size="sm" data-testid="design-diff-summary">
        {added + removed === 0 ? t('designer.history.same') : t('designer.history.summary', { added, removed })}
      </Paragraph>
      {added + removed > 0 && (
        <ol className="pm-diff" aria-label={t('designer.history.diffCaption', { from, to })}>
          {lines.map((line, i) => (
            <li key={i} className={`pm-diff-line pm-diff-line--${line.kind}`} data-kind={line.kind}>
              <span className="pm-diff-sign" aria-hidden="true">
                {SIGNS[line.kind]}
              </span>
              {line.kind !== 'same' && <span className="ds-sr-only">{words[line.kind]}: </span>}
              <code className="pm-diff-text">{line.text || ' '}</code>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
