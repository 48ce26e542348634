import type { SchemaSet, XsdError, XsdValidator } from '../../../shared/xml/xsd-validator';
import type { ClosedElement, OpenElement, PassListener, XmlPass } from './xml-pass';

/**
 * N5.03 for large files, in chunks. libxml2 (xmllint-wasm) builds the whole document tree in wasm
 * memory before it validates, so a 250 MB arkivstruktur.xml would need gigabytes; here the file is
 * streamed once and validated in pieces:
 *
 *  - units: each repeating unit (arkivstruktur: a mappe, or a registrering not inside a mappe;
 *    the journals: journalregistrering; endringslogg: endring) is cut verbatim from the stream and
 *    validated in batches of about `batchChars`, wrapped in its ancestors' start tags (with their
 *    namespace declarations) and each ancestor's leading children up to its first structural child
 *    (arkiv/systemID…arkivskaper, arkivdel/systemID…, klasse/…), so every required leading element is
 *    there and each unit is checked against its real type. Errors are mapped back to the line in
 *    the original file and to the systemID of the innermost element around it;
 *  - skeleton: everything outside the units (the headers, classes, the journalhode) plus the first
 *    unit (the journals and endringslogg require one) is validated once as its own document.
 *
 * What this does not cover: constraints that span units. The Noark 5 v5.0 XSDs (arkivstruktur,
 * metadatakatalog, endringslogg, loependeJournal, offentligJournal) have no xs:unique, xs:key or
 * xs:keyref (checked), so the only one is the xs:choice of one kind of child per arkiv, arkivdel and
 * klasse, which checkChoice() checks while streaming; uniqueness and references are the content
 * controls' work (N5.47, N5.48, N5.51, N5.62). A unit is held whole, so memory is bounded by the
 * largest case file (mappe) plus one batch in flight per validator and one being filled, and the
 * skeleton by the classification system.
 */

export interface UnitSpec {
  /** Local names of the repeating units (only outside another unit). */
  units: ReadonlySet<string>;
  /** Local names of the children that end an ancestor's header. */
  structural: ReadonlySet<string>;
}

export const UNIT_SPECS: Record<'arkivstruktur' | 'loependeJournal' | 'offentligJournal' | 'endringslogg', UnitSpec> = {
  arkivstruktur: {
    units: new Set(['mappe', 'registrering']),
    structural: new Set(['arkiv', 'arkivdel', 'klassifikasjonssystem', 'klasse', 'mappe', 'registrering']),
  },
  loependeJournal: { units: new Set(['journalregistrering']), structural: new Set(['journalregistrering']) },
  offentligJournal: { units: new Set(['journalregistrering']), structural: new Set(['journalregistrering']) },
  endringslogg: { units: new Set(['endring']), structural: new Set(['endring']) },
};

export interface MappedXsdError {
  line: number | null;
  message: string;
  /** systemID of the innermost element around the line, when it has one. */
  systemId: string | null;
}

interface Interval {
  from: number;
  to: number;
  systemId: string;
}

/** Per element with a systemID child: its line range, so an error line names the innermost one. */
class IntervalTracker {
  private readonly open: { line: number; systemId: string | null }[] = [];
  readonly intervals: Interval[] = [];
  onOpen(el: OpenElement): void {
    this.open.push({ line: el.line, systemId: null });
  }
  onClose(el: ClosedElement): void {
    const f = this.open.pop();
    if (!f) return;
    if (el.local === 'systemID') {
      const parent = this.open[this.open.length - 1];
      if (parent && parent.systemId === null) parent.systemId = el.text.trim();
      return;
    }
    if (f.systemId) this.intervals.push({ from: f.line, to: el.endLine, systemId: f.systemId });
  }
  get depth(): number {
    return this.open.length;
  }
}

export function systemIdAt(intervals: readonly Interval[], line: number | null): string | null {
  if (line === null) return null;
  let best: Interval | null = null;
  for (const i of intervals) if (i.from <= line && line <= i.to && (!best || i.from >= best.from)) best = i;
  return best?.systemId ?? null;
}

const localOf = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

const countLines = (s: string): number => {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

interface Ancestor {
  id: number;
  name: string;
  /** Kinds of structural children seen (arkivstruktur.xsd: one xs:choice kind per parent). */
  kinds: Set<string>;
  startTag: string;
  headerFrom: number;
  header: string | null;
}

interface Unit {
  text: string;
  line: number;
  intervals: Interval[];
}

export interface ChunkedXsdOptions {
  /** One batch in flight per validator (each its own xmllint worker); the first also takes the skeleton. */
  validators: readonly XsdValidator[];
  schema: SchemaSet;
  spec: UnitSpec;
  /** Target size of one batch document, in characters. */
  batchChars: number;
  onError(e: MappedXsdError): void;
}

export class ChunkedXsdValidator implements PassListener {
  private readonly stack: Ancestor[] = [];
  private nextId = 1;
  private unit: { start: number; line: number; depth: number; parentId: number; tracker: IntervalTracker } | null = null;
  private batch: { parentId: number; prefix: string; suffix: string; units: Unit[]; chars: number } | null = null;
  private readonly ready: { prefix: string; suffix: string; units: Unit[] }[] = [];
  // skeleton: the text outside units, with segments mapping its lines back to the file's
  private readonly skeleton: string[] = [];
  private skeletonLines = 1;
  private readonly segments: { skelLine: number; origLine: number }[] = [];
  private cursor = 0;
  private cursorLine = 1;
  private lastAppendedEnd = -1;
  private firstUnit: { from: number; to: number; intervals: Interval[] } | null = null;
  private unitsSeen = 0;
  private readonly inflight = new Set<Promise<void>>();
  /** Errors are reported batch by batch in file order, whichever batch finishes first. */
  private reported: Promise<void> = Promise.resolve();
  private nextValidator = 0;

  constructor(private readonly opts: ChunkedXsdOptions) {}

  open(el: OpenElement, pass: XmlPass): void {
    if (this.unit) {
      this.unit.tracker.onOpen(el);
      return;
    }
    const parent = this.stack[this.stack.length - 1];
    const structural = this.opts.spec.structural.has(el.local) || this.opts.spec.units.has(el.local);
    if (parent && parent.header === null && structural) parent.header = pass.raw(parent.headerFrom, el.start);
    if (parent && structural) this.checkChoice(parent, el);
    if (this.opts.spec.units.has(el.local) && parent) {
      const tracker = new IntervalTracker();
      tracker.onOpen(el);
      this.unit = { start: el.start, line: el.line, depth: el.depth, parentId: parent.id, tracker };
      this.unitsSeen++;
      if (this.unitsSeen > 1) this.appendSkeleton(pass, el.start);
      return;
    }
    this.stack.push({ id: this.nextId++, name: el.name, kinds: new Set(), startTag: pass.raw(el.start, el.contentStart), headerFrom: el.contentStart, header: null });
  }

  /**
   * arkivstruktur.xsd lets arkiv hold arkiv | arkivdel, arkivdel klassifikasjonssystem | mappe |
   * registrering and klasse klasse | mappe | registrering: one kind each. Batches see one parent's
   * units without their siblings of another kind, so the choice is checked here, across units.
   */
  private checkChoice(parent: Ancestor, el: OpenElement): void {
    if (parent.kinds.has(el.local)) return;
    parent.kinds.add(el.local);
    if (parent.kinds.size === 2) {
      const [first] = parent.kinds;
      this.opts.onError({
        line: el.line,
        message: `Element '${el.name}': This element is not expected. <${localOf(parent.name)}> har allerede <${first}>, og skjemaet tillater bare én av dem (xs:choice).`,
        systemId: null,
      });
    }
  }

  close(el: ClosedElement, pass: XmlPass): void {
    const u = this.unit;
    if (u) {
      u.tracker.onClose(el);
      if (u.tracker.depth > 0) return;
      this.unit = null;
      const text = pass.raw(u.start, el.end);
      const unit: Unit = { text, line: u.line, intervals: u.tracker.intervals };
      if (this.unitsSeen === 1) {
        // the first unit stays in the skeleton; its errors come from its batch
        this.firstUnit = { from: u.line, to: el.endLine, intervals: u.tracker.intervals };
      } else {
        this.cursor = el.end;
        this.cursorLine = el.endLine;
      }
      this.addUnit(u.parentId, unit);
      return;
    }
    const a = this.stack.pop();
    if (a && a.header === null) a.header = '';
  }

  holdFrom(): number | null {
    let h: number | null = this.unit ? this.unit.start : null;
    const min = (n: number) => {
      if (h === null || n < h) h = n;
    };
    for (const a of this.stack) if (a.header === null) min(a.headerFrom);
    if (!this.unit || this.unitsSeen === 1) min(this.cursor);
    return h;
  }

  async afterChunk(pass: XmlPass): Promise<void> {
    // text outside units goes to the skeleton as it comes, up to the last "<" (a tag may be unfinished)
    if (!this.unit || this.unitsSeen === 1) {
      const upTo = this.safePoint(pass);
      if (upTo > this.cursor && !this.unit) this.appendSkeleton(pass, upTo);
    }
    await this.drain(false);
  }

  async end(pass: XmlPass): Promise<void> {
    this.appendSkeleton(pass, pass.position);
    if (this.batch) this.ready.push(this.batch);
    this.batch = null;
    await this.drain(true);
    await this.runSkeleton();
  }

  /**
   * Batches validate in the workers while the stream goes on (parsing, hashing documents): at most
   * one in flight per validator and one being filled; the stream waits when all are busy.
   */
  private async drain(all: boolean): Promise<void> {
    const { validators } = this.opts;
    while (this.ready.length > 0) {
      while (this.inflight.size >= validators.length) await Promise.race(this.inflight);
      // a batch is out of `inflight` once reported, and batches are reported in order: its validator is free
      const result = this.runBatch(this.ready.shift()!, validators[this.nextValidator++ % validators.length]!);
      const done = this.reported.then(() => result).then((errors) => errors.forEach((e) => this.opts.onError(e)));
      this.reported = done;
      const tracked = done.finally(() => this.inflight.delete(tracked));
      tracked.catch(() => undefined); // a failure surfaces through `reported`
      this.inflight.add(tracked);
    }
    if (all) await this.reported;
  }

  private safePoint(pass: XmlPass): number {
    const tail = pass.raw(this.cursor, pass.position);
    const lt = tail.lastIndexOf('<');
    return lt >= 0 ? this.cursor + lt : pass.position;
  }

  private appendSkeleton(pass: XmlPass, upTo: number): void {
    if (upTo <= this.cursor) return;
    const piece = pass.raw(this.cursor, upTo);
    const contiguous = this.lastAppendedEnd === this.cursor;
    if (contiguous || piece.trim() !== '') {
      if (!contiguous) this.segments.push({ skelLine: this.skeletonLines, origLine: this.cursorLine });
      this.skeleton.push(piece);
      this.skeletonLines += countLines(piece);
      this.lastAppendedEnd = upTo;
    }
    this.cursorLine += countLines(piece);
    this.cursor = upTo;
  }

  private addUnit(parentId: number, unit: Unit): void {
    if (this.batch && (this.batch.parentId !== parentId || this.batch.chars + unit.text.length > this.opts.batchChars)) {
      this.ready.push(this.batch);
      this.batch = null;
    }
    if (!this.batch) {
      const prefix = this.stack.map((a) => a.startTag + (a.header ?? '')).join('');
      const suffix = this.stack
        .map((a) => `</${a.name}>`)
        .reverse()
        .join('');
      this.batch = { parentId, prefix, suffix, units: [], chars: prefix.length };
    }
    this.batch.units.push(unit);
    this.batch.chars += unit.text.length + 1;
  }

  private async runBatch(b: { prefix: string; suffix: string; units: Unit[] }, validator: XsdValidator): Promise<MappedXsdError[]> {
    let line = countLines(b.prefix) + 2;
    const placed = b.units.map((u) => {
      const at = { unit: u, from: line, to: line + countLines(u.text) };
      line = at.to + 1;
      return at;
    });
    const doc = `${b.prefix}\n${b.units.map((u) => u.text).join('\n')}\n${b.suffix}\n`;
    let r: Awaited<ReturnType<XsdValidator['validate']>>;
    try {
      r = await validator.validate(doc, this.opts.schema);
    } catch (e) {
      const first = b.units[0]!.line;
      return [{ line: first, message: `XSD-valideringen av linje ${first}–${first + countLines(doc)} feilet: ${e instanceof Error ? e.message : String(e)}`, systemId: null }];
    }
    if (r.valid) return [];
    const out: MappedXsdError[] = [];
    for (const e of r.errors) {
      const p = e.line === null ? undefined : placed.find((x) => x.from <= e.line! && e.line! <= x.to);
      if (!p) {
        // the wrapper's own lines are the skeleton's to report; a batch that failed as a whole is not
        if (e.line === null) out.push({ line: null, message: e.message, systemId: null });
        continue;
      }
      const orig = p.unit.line + (e.line! - p.from);
      out.push({ line: orig, message: e.message, systemId: systemIdAt(p.unit.intervals, orig) });
    }
    return out;
  }

  private async runSkeleton(): Promise<void> {
    const text = this.skeleton.join('');
    this.skeleton.length = 0;
    let r: Awaited<ReturnType<XsdValidator['validate']>>;
    try {
      r = await this.opts.validators[0]!.validate(text, this.opts.schema);
    } catch (e) {
      this.opts.onError({ line: null, message: `XSD-valideringen av det som ligger utenfor mapper og registreringer feilet: ${e instanceof Error ? e.message : String(e)}`, systemId: null });
      return;
    }
    if (r.valid) return;
    for (const e of r.errors) this.reportSkeletonError(e);
  }

  private reportSkeletonError(e: XsdError): void {
    if (e.line === null) {
      this.opts.onError({ line: null, message: e.message, systemId: null });
      return;
    }
    let seg = this.segments[0];
    for (const s of this.segments) if (s.skelLine <= e.line) seg = s;
    const orig = seg ? seg.origLine + (e.line - seg.skelLine) : e.line;
    const f = this.firstUnit;
    if (f && orig >= f.from && orig <= f.to) return; // reported by the first unit's batch
    this.opts.onError({ line: orig, message: e.message, systemId: null });
  }
}

/** For files validated whole: the systemID intervals, so an error line still names its element. */
export class IntervalCollector implements PassListener {
  private readonly tracker = new IntervalTracker();
  open(el: OpenElement): void {
    this.tracker.onOpen(el);
  }
  close(el: ClosedElement): void {
    this.tracker.onClose(el);
  }
  get intervals(): readonly Interval[] {
    return this.tracker.intervals;
  }
}
