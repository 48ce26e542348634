import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';

/**
 * One streaming pass over an XML file (saxes on fs.createReadStream): every listener sees each
 * element open and close, with its line, its absolute character offset and, for leaves, its text.
 * The raw text is kept only from the earliest offset a listener still holds (the XSD chunker cuts
 * units verbatim from it), so memory does not grow with the file.
 */

export interface OpenElement {
  /** Qualified name as written (prefix kept). */
  name: string;
  local: string;
  attrs: Record<string, string>;
  /** 1-based line of the start tag's "<". */
  line: number;
  /** Nesting depth, the root is 0. */
  depth: number;
  /** Absolute offset (UTF-16 code units) of the start tag's "<", and just after its ">". */
  start: number;
  contentStart: number;
  selfClosing: boolean;
}

export interface ClosedElement extends OpenElement {
  /** Text directly inside the element (entities decoded); '' when it has child elements. */
  text: string;
  hasChildren: boolean;
  /** Absolute offset just after the end tag's ">" and that tag's line. */
  end: number;
  endLine: number;
}

export interface PassListener {
  open?(el: OpenElement, pass: XmlPass): void;
  close?(el: ClosedElement, pass: XmlPass): void;
  /** The lowest absolute offset whose raw text this listener still needs, or null. */
  holdFrom?(): number | null;
  /** After each chunk the parser took: a place to await work the events queued (validation, hashing). */
  afterChunk?(pass: XmlPass): Promise<void>;
  end?(pass: XmlPass): Promise<void>;
}

export const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

interface Frame {
  el: OpenElement;
  text: string;
  hasChildren: boolean;
}

export class XmlPass {
  private buf = '';
  private bufStart = 0;
  private readonly parser = new SaxesParser({ position: true });
  private readonly stack: Frame[] = [];
  private error: Error | null = null;
  private pendingLine = 1;
  bytesRead = 0;

  constructor(
    readonly file: string,
    private readonly listeners: PassListener[],
  ) {
    const p = this.parser;
    p.on('opentagstart', () => {
      this.pendingLine = p.line;
    });
    p.on('opentag', (tag) => {
      const parent = this.stack[this.stack.length - 1];
      if (parent) {
        parent.hasChildren = true;
        parent.text = '';
      }
      const contentStart = p.position;
      const at = this.buf.lastIndexOf(`<${tag.name}`, contentStart - this.bufStart);
      const el: OpenElement = {
        name: tag.name,
        local: localName(tag.name),
        attrs: tag.attributes as Record<string, string>,
        line: this.pendingLine,
        depth: this.stack.length,
        start: at >= 0 ? at + this.bufStart : contentStart,
        contentStart,
        selfClosing: tag.isSelfClosing,
      };
      this.stack.push({ el, text: '', hasChildren: false });
      for (const l of this.listeners) l.open?.(el, this);
    });
    const onText = (t: string) => {
      const top = this.stack[this.stack.length - 1];
      if (top && !top.hasChildren && top.text.length < 1_000_000) top.text += t;
    };
    p.on('text', onText);
    p.on('cdata', onText);
    p.on('closetag', () => {
      const f = this.stack.pop();
      if (!f) return;
      const closed: ClosedElement = { ...f.el, text: f.text, hasChildren: f.hasChildren, end: p.position, endLine: p.line };
      for (const l of this.listeners) l.close?.(closed, this);
    });
    p.on('error', (e) => {
      this.error ??= e;
    });
  }

  /** Raw text between two absolute offsets; both must still be held. */
  raw(from: number, to: number): string {
    if (from < this.bufStart) throw new Error(`xml-pass: offset ${from} er ikke lenger i bufferen`);
    return this.buf.slice(from - this.bufStart, to - this.bufStart);
  }

  /** saxes resets its position when closed; the end of the file is kept here. */
  private endPosition: number | null = null;

  get position(): number {
    return this.endPosition ?? this.parser.position;
  }

  /** The innermost open element (in close(): the closed element's parent). */
  parent(): OpenElement | undefined {
    return this.stack[this.stack.length - 1]?.el;
  }

  /** The open elements, root first. */
  ancestors(): readonly OpenElement[] {
    return this.stack.map((f) => f.el);
  }

  async run(): Promise<void> {
    const stream = createReadStream(this.file, { encoding: 'utf8', highWaterMark: 64 * 1024 });
    try {
      for await (const chunk of stream as AsyncIterable<string>) {
        this.buf += chunk;
        this.bytesRead = stream.bytesRead;
        this.parser.write(chunk);
        if (this.error) throw this.error;
        this.trim();
        for (const l of this.listeners) await l.afterChunk?.(this);
      }
      const end = this.parser.position;
      this.parser.close();
      this.endPosition = end;
      if (this.error) throw this.error;
    } finally {
      stream.destroy();
    }
    for (const l of this.listeners) await l.afterChunk?.(this);
    for (const l of this.listeners) await l.end?.(this);
  }

  private trim(): void {
    // keep from a start tag not yet complete (its "<" is the last one) and from what listeners hold
    const lastLt = this.buf.lastIndexOf('<');
    let keep = lastLt >= 0 ? lastLt + this.bufStart : this.bufStart + this.buf.length;
    for (const l of this.listeners) {
      const h = l.holdFrom?.();
      if (h !== null && h !== undefined && h < keep) keep = h;
    }
    if (keep > this.bufStart) {
      this.buf = this.buf.slice(keep - this.bufStart);
      this.bufStart = keep;
    }
  }
}
