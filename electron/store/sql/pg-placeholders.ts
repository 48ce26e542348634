import type { SqlParams, SqlValue } from './sql-client';

const CACHE_MAX = 512;
interface Translated {
  text: string;
  /** For named parameters: the name bound at each $n, in order. */
  names: string[] | null;
  positional: number;
}
const cache = new Map<string, Translated>();

/**
 * Rewrites the repositories' `?` and `@name` placeholders to PostgreSQL's `$n`, outside string
 * literals, quoted identifiers and comments. `@@` (text search match) and `::` casts are left alone.
 */
function translate(sql: string): Translated {
  let out = '';
  let positional = 0;
  const names: string[] = [];
  const index = new Map<string, number>();
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = closing(sql, i, c);
      out += sql.slice(i, end);
      i = end;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
    } else if (c === '?') {
      out += `$${++positional}`;
      i++;
    } else if (c === '@' && sql[i + 1] === '@') {
      out += '@@';
      i += 2;
    } else if (c === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))!;
      const name = m[0];
      let n = index.get(name);
      if (n === undefined) {
        names.push(name);
        n = names.length;
        index.set(name, n);
      }
      out += `$${n}`;
      i += 1 + name.length;
    } else {
      out += c;
      i++;
    }
  }
  if (positional > 0 && names.length > 0) throw new Error('SQL mixes ? and @name placeholders');
  return { text: out, names: names.length ? names : null, positional };
}

/** Index just past the quote that closes the one at `start` (a doubled quote is an escaped one). */
function closing(sql: string, start: number, q: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === q) {
      if (sql[i + 1] === q) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

export function toPg(sql: string, params: SqlParams | undefined): { text: string; values: SqlValue[] } {
  let t = cache.get(sql);
  if (!t) {
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    t = translate(sql);
    cache.set(sql, t);
  }
  if (params === undefined) return { text: t.text, values: [] };
  if (Array.isArray(params)) return { text: t.text, values: params as SqlValue[] };
  const named = params as Readonly<Record<string, SqlValue>>;
  const values = (t.names ?? []).map((name) => {
    if (!(name in named)) throw new Error(`SQL parameter @${name} not bound`);
    return named[name] ?? null;
  });
  return { text: t.text, values };
}
