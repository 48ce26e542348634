import type { MappingProblem } from '../../../electron/core/ports/payload-mapper.port';

/**
 * The mapping's JSON as CSV (RFC 4180): one row per object (an object alone is one row), a
 * header row, CRLF line ends, a field quoted when it holds the separator, a quote or a line
 * break. Columns are the target's (config) or the first row's keys. A cell that a spreadsheet
 * would read as a formula (= + - @, and tab/CR that some of them skip) gets a leading
 * apostrophe: the file may well be opened in Excel, and the text comes from a citizen. A
 * plain number or telephone number («+47 912 34 567», «-3») is left as it is: it can call no
 * function, and the target must get the number the citizen gave.
 */

export interface CsvOptions {
  columns?: string[];
  delimiter?: string;
}

export type CsvResult = { ok: true; text: string } | { ok: false; problems: MappingProblem[] };

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d[\d ().-]*$/;

export function csvCell(value: string, delimiter: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return safe.includes(delimiter) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(payload: unknown, o: CsvOptions = {}): CsvResult {
  const delimiter = o.delimiter ?? ';';
  const problems: MappingProblem[] = [];
  const problem = (at: string, message: string) => {
    if (problems.length < 20) problems.push({ stage: 'serialise', message, at });
  };
  if (delimiter.length !== 1 || /["\r\n]/.test(delimiter)) return { ok: false, problems: [{ stage: 'serialise', message: 'skilletegnet må være ett tegn (ikke anførselstegn eller linjeskift)' }] };
  const rows = Array.isArray(payload) ? payload : [payload];
  if (!rows.length) return { ok: false, problems: [{ stage: 'serialise', message: 'CSV trenger minst én rad', at: '$' }] };
  if (!rows.every((r) => r && typeof r === 'object' && !Array.isArray(r))) {
    return { ok: false, problems: [{ stage: 'serialise', message: 'CSV trenger et objekt per rad (en liste av objekter, eller ett objekt)', at: '$' }] };
  }
  const records = rows as Record<string, unknown>[];
  const columns = o.columns?.length ? o.columns : Object.keys(records[0]!);
  if (!columns.length) return { ok: false, problems: [{ stage: 'serialise', message: 'første rad har ingen felt, så det finnes ingen kolonner', at: '[0]' }] };
  const known = new Set(columns);
  const lines = [columns.map((c) => csvCell(c, delimiter)).join(delimiter)];
  records.forEach((row, i) => {
    for (const key of Object.keys(row)) if (!known.has(key)) problem(`[${i}].${key}`, `feltet «${key}» er ikke en kolonne (${columns.join(', ')})`);
    const cells = columns.map((c) => {
      const v = row[c];
      if (v === null || v === undefined) return '';
      if (typeof v === 'string') return csvCell(v, delimiter);
      // a number or truth value is not text from the citizen: written as it is
      if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
      if (typeof v === 'boolean') return String(v);
      problem(`[${i}].${c}`, `kolonnen «${c}» må ha en enkel verdi (tekst, tall eller sann/usann), ikke en liste eller et objekt`);
      return '';
    });
    lines.push(cells.join(delimiter));
  });
  return problems.length ? { ok: false, problems } : { ok: true, text: `${lines.join('\r\n')}\r\n` };
}
