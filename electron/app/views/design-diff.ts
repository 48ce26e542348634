import { diffLines } from 'diff';

/** One line of a design's history diff, as the designer screens show it. */
export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * Two versions of a mapping or of a profile's rules, line by line (the `diff` package's line
 * diff): one entry per line, without its line break, so the screen can number and colour them.
 */
export function designDiff(from: string, to: string): DiffLine[] {
  const out: DiffLine[] = [];
  for (const change of diffLines(from, to)) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const lines = change.value.split(/\r?\n/);
    // a change ending in a line break leaves an empty last piece, which is not a line
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    for (const text of lines) out.push({ kind, text });
  }
  return out;
}
