import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * A streaming XML writer for the package files: elements are appended to a small buffer that goes
 * to disk (with backpressure) whenever it passes FLUSH_AT, and every byte written is hashed, so a
 * file's SHA-256 and size are known the moment it is closed, without reading it back.
 *
 * Krav 6.4.5 (noark5-standard kapittel 070): no empty elements. leaf() omits an element whose value
 * is null, undefined or blank; a required element must therefore be given a value by the caller
 * (the writers check that and fail with a Norwegian message instead of writing an empty one).
 */

const FLUSH_AT = 64 * 1024;

const escapeText = (s: string): string => s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
const escapeAttr = (s: string): string => s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
/** Characters XML 1.0 does not allow at all (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/F). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as XML character data: characters XML cannot hold dropped, markup escaped. */
export const xmlText = (s: string): string => escapeText(s.replace(NOT_XML, ''));

export type LeafValue = string | number | null | undefined;

export interface ClosedXmlFile {
  path: string;
  sha256: string;
  size: number;
}

export class XmlStreamWriter {
  private readonly out: WriteStream;
  private readonly hash: Hash = createHash('sha256');
  private buf = '';
  private size = 0;
  private readonly stack: string[] = [];
  private failed: Error | null = null;

  constructor(
    readonly path: string,
    /** Indentation of the first element: a part file whose elements go inside another file's root. */
    private depth = 0,
    private readonly pretty = true,
  ) {
    this.out = createWriteStream(path);
    this.out.on('error', (e) => {
      this.failed = e;
    });
  }

  /** The XML declaration (UTF-8, as krav 6.4 wants). */
  declaration(): this {
    this.buf += '<?xml version="1.0" encoding="UTF-8"?>\n';
    return this;
  }

  private indent(): string {
    return this.pretty ? '  '.repeat(this.depth) : '';
  }

  private attrs(a?: Record<string, string>): string {
    if (!a) return '';
    return Object.entries(a)
      .map(([k, v]) => ` ${k}="${escapeAttr(v.replace(NOT_XML, ''))}"`)
      .join('');
  }

  open(name: string, attrs?: Record<string, string>): this {
    this.buf += `${this.indent()}<${name}${this.attrs(attrs)}>${this.pretty ? '\n' : ''}`;
    this.stack.push(name);
    this.depth++;
    return this;
  }

  close(name?: string): this {
    const top = this.stack.pop();
    if (!top || (name && name !== top)) throw new Error(`XML: lukker <${name ?? '?'}>, men <${top ?? '-'}> er åpen`);
    this.depth--;
    this.buf += `${this.indent()}</${top}>${this.pretty ? '\n' : ''}`;
    return this;
  }

  /** Markup written as given, on a line of its own (an element METS defines as empty). */
  raw(markup: string): this {
    this.buf += `${this.indent()}${markup}${this.pretty ? '\n' : ''}`;
    return this;
  }

  /** <name>value</name>, or nothing at all when the value is empty (krav 6.4.5). */
  leaf(name: string, value: LeafValue, attrs?: Record<string, string>): this {
    if (value === null || value === undefined) return this;
    const text = typeof value === 'number' ? String(value) : xmlText(value).trim();
    if (!text) return this;
    this.buf += `${this.indent()}<${name}${this.attrs(attrs)}>${text}</${name}>${this.pretty ? '\n' : ''}`;
    return this;
  }

  /** Open elements, innermost last (to know what to close when the classification changes). */
  get openElements(): readonly string[] {
    return this.stack;
  }

  /** Writes the buffer once it is large; awaits 'drain' when the stream asks to wait. */
  async maybeFlush(): Promise<void> {
    if (this.buf.length >= FLUSH_AT) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.buf) return;
    const chunk = Buffer.from(this.buf, 'utf8');
    this.buf = '';
    await this.writeBytes(chunk);
  }

  private async writeBytes(chunk: Buffer): Promise<void> {
    this.hash.update(chunk);
    this.size += chunk.length;
    if (!this.out.write(chunk)) await once(this.out, 'drain'); // once() rejects if the stream errs while waiting; racing a second once('error') left a listener behind per wait
    if (this.failed) throw this.failed;
  }

  /** Copies another file's bytes in (a journal's registrations written to a part file first). */
  async append(file: string): Promise<void> {
    await this.flush();
    for await (const chunk of createReadStream(file)) await this.writeBytes(chunk as Buffer);
  }

  async end(): Promise<ClosedXmlFile> {
    if (this.stack.length) throw new Error(`XML: <${this.stack.join('>, <')}> er ikke lukket`);
    await this.flush();
    this.out.end();
    await once(this.out, 'close');
    if (this.failed) throw this.failed;
    return { path: this.path, sha256: this.hash.digest('hex'), size: this.size };
  }

  /** Closes the file without checks (after a failure elsewhere). */
  abort(): void {
    this.out.destroy();
  }
}
