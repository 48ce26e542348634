import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { IntegrationError } from '../../../electron/core/errors';
import type { WrittenFile } from '../../../electron/core/ports/archive-extraction.port';
import type { Noark4Table } from './noark4-tables';

/**
 * One Noark 4 table file, written as rows arrive: ISO-8859-1 (the encoding the Noark 4 DTDs
 * declare, e.g. NOARKSAK.DTD line 1), with a DOCTYPE naming the table's DTD, through a write
 * stream that waits for 'drain'. The file is opened at the first row: the DTDs require at least
 * one record (`<!ELEMENT NOARKSAK.TAB (NOARKSAK+)>`), so a table without rows is not written.
 */

export type Row = Record<string, string | number | null | undefined>;

/** XML 1.0 forbids these characters even as references (XML 1.0 §2.2 Char). */
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as ISO-8859-1 XML content: markup escaped, characters outside Latin-1 as numeric character
 * references (one per code point, so an astral character is one reference, not two surrogates).
 */
export function latin1Text(s: string): string {
  return s
    .normalize('NFC')
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
    .replace(/[\u0100-\u{10FFFF}]/gu, (c) => `&#${c.codePointAt(0)!};`);
}

/** The bytes of text already reduced to Latin-1 by latin1Text (every char ≤ U+00FF). */
export const latin1Bytes = (s: string): Buffer => Buffer.from(s, 'latin1');

export const xmlDeclaration = (): string => `<?xml version="1.0" encoding="ISO-8859-1"?>\n`;

export class TableFileWriter {
  private stream: WriteStream | null = null;
  private readonly hash = createHash('sha256');
  private size = 0;
  private failure: Error | null = null;
  count = 0;

  constructor(
    readonly table: Noark4Table,
    private readonly dir: string,
  ) {}

  get fileName(): string {
    return this.table.file;
  }

  /** The file's start: declaration, DOCTYPE and the table's root element. */
  private open(): string {
    const s = createWriteStream(path.join(this.dir, this.table.file), { flags: 'wx' });
    s.on('error', (e) => {
      this.failure = e;
    });
    this.stream = s;
    return `${xmlDeclaration()}<!DOCTYPE ${this.table.root} SYSTEM "${this.table.dtd}">\n<${this.table.root} VERSJON="1.0">\n`;
  }

  /** Writes the text (Latin-1 by construction); resolves at once or when the stream has drained. */
  private push(text: string): Promise<void> | null {
    if (this.failure) throw this.failure;
    const bytes = latin1Bytes(text);
    this.hash.update(bytes);
    this.size += bytes.length;
    return this.stream!.write(bytes) ? null : this.drained();
  }

  private async drained(): Promise<void> {
    await once(this.stream!, 'drain');
    if (this.failure) throw this.failure;
  }

  /** One record, its fields in the DTD's order; empty optional fields left out, a missing required one refused. */
  async row(values: Row): Promise<void> {
    let xml = `<${this.table.record}>`;
    for (const f of this.table.fields) {
      const v = values[f.name];
      if (v === null || v === undefined || v === '') {
        if (f.required) {
          throw new IntegrationError('validation', `Noark 4-uttrekket mangler ${f.name} i ${this.table.file} (post ${this.count + 1}); ${this.table.dtd} krever feltet.`, {
            integration: 'noark4-deposit',
          });
        }
        continue;
      }
      xml += `<${f.name}>${latin1Text(String(v))}</${f.name}>`;
    }
    xml += `</${this.table.record}>\n`;
    if (!this.stream) xml = this.open() + xml;
    this.count++;
    const wait = this.push(xml);
    if (wait) await wait;
  }

  /** Closes the file; null when the table had no rows (and so no file). */
  async close(): Promise<WrittenFile | null> {
    if (!this.stream) return null;
    const wait = this.push(`</${this.table.root}>\n`);
    if (wait) await wait;
    const s = this.stream;
    s.end();
    await once(s, 'close');
    if (this.failure) throw this.failure;
    return { path: this.table.file, sha256: this.hash.digest('hex'), size: this.size };
  }

  /** Stops writing after a failure elsewhere (the caller removes the folder's files). */
  abort(): void {
    this.stream?.destroy();
  }
}
