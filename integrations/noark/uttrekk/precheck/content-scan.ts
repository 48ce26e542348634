import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ControlId, ControlResult } from './controls';
import type { SystemIdSet } from './system-id-set';
import type { ClosedElement, OpenElement, PassListener, XmlPass } from './xml-pass';

/** The content controls' listeners: each gathers what its controls need in the file's one pass. */

type Controls = Record<ControlId, ControlResult>;

/** Distinct references kept for the end-of-pass check: bounded, the rest only counted. */
const MAX_DISTINCT_REFS = 100_000;

export async function sha256File(file: string, size?: number): Promise<string> {
  if (size !== undefined && size <= SMALL_FILE) return sha256Small(file);
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Files up to this size are hashed with synchronous reads into one reused buffer. */
const SMALL_FILE = 256 * 1024;
const readBuf = Buffer.allocUnsafe(SMALL_FILE);

/**
 * Most documents are a few KB: a synchronous open/read/close costs ~20 µs where the thread pool's
 * round trips (stat, open, fstat, read, close) cost ~200 µs, and the one buffer is no garbage.
 * The check runs in its own worker thread (pre-check.worker.ts), so nothing else waits on it.
 */
function sha256Small(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const h = createHash('sha256');
    for (let n = readSync(fd, readBuf, 0, SMALL_FILE, null); n > 0; n = readSync(fd, readBuf, 0, SMALL_FILE, null)) h.update(readBuf.subarray(0, n));
    return h.digest('hex');
  } finally {
    closeSync(fd);
  }
}

/** krav 6.4.5 (N5.63): no element without content. Names the enclosing unit's systemID. */
export class EmptyElementCheck implements PassListener {
  private readonly ids: (string | null)[] = [];
  constructor(
    private readonly fileName: string,
    private readonly c: ControlResult,
  ) {}
  open(): void {
    this.ids.push(null);
  }
  close(el: ClosedElement): void {
    this.ids.pop();
    if (el.local === 'systemID' && this.ids.length > 0 && this.ids[this.ids.length - 1] === null) this.ids[this.ids.length - 1] = el.text.trim();
    if (el.hasChildren || el.text.trim() !== '') return;
    const within = [...this.ids].reverse().find((s) => s);
    this.c.fail(`Elementet <${el.local}> i ${this.fileName} har ikke innhold${within ? ` (i enheten med systemID ${within})` : ''}.`, `${this.fileName}:${el.line}`);
  }
}

interface DocRef {
  systemId: string | null;
  ref: string | null;
  sjekksum: string | null;
  algoritme: string | null;
  line: number;
}

/** arkivstruktur.xml: counts, systemIDs (N5.47), references (N5.48, N5.51), document files (N5.30, N5.32). */
export class ArkivstrukturScan implements PassListener {
  readonly arkivdeler = new Set<string>();
  readonly klasser = new Set<string>();
  private readonly refArkivdel = new Map<string, string>();
  private readonly refSekundaer = new Map<string, string>();
  private doc: DocRef | null = null;
  private readonly pendingDocs: DocRef[] = [];
  journalposter = 0;

  constructor(
    private readonly c: Controls,
    private readonly ids: SystemIdSet,
    private readonly packageDir: string,
    private readonly fileName: string,
  ) {}

  open(el: OpenElement): void {
    switch (el.local) {
      case 'arkiv':
        this.c['N5.04'].count('Antall arkiver');
        break;
      case 'arkivdel':
        this.c['N5.05'].count('Antall arkivdeler');
        break;
      case 'klassifikasjonssystem':
        this.c['N5.07'].count('Antall klassifikasjonssystemer');
        break;
      case 'klasse':
        this.c['N5.08'].count('Antall klasser');
        break;
      case 'mappe':
        this.c['N5.10'].count('Antall mapper');
        break;
      case 'registrering': {
        this.c['N5.16'].count('Antall registreringer');
        const type = Object.entries(el.attrs).find(([k]) => k === 'type' || k.endsWith(':type'))?.[1];
        if (type && type.slice(type.indexOf(':') + 1) === 'journalpost') {
          this.journalposter++;
          this.c['N5.17'].count('Antall journalposter');
        }
        break;
      }
      case 'dokumentbeskrivelse':
        this.c['N5.23'].count('Antall dokumentbeskrivelser');
        break;
      case 'dokumentobjekt':
        this.c['N5.26'].count('Antall dokumentobjekter');
        this.doc = { systemId: null, ref: null, sjekksum: null, algoritme: null, line: el.line };
        break;
      case 'korrespondansepart':
        this.c['N5.39'].count('Antall korrespondanseparter');
        break;
      case 'avskrivning':
        this.c['N5.40'].count('Antall avskrivninger');
        break;
      case 'skjerming':
        this.c['N5.42'].count('Antall skjerminger');
        break;
    }
  }

  close(el: ClosedElement, pass: XmlPass): void {
    const parent = pass.parent();
    const text = el.text.trim();
    const where = `${this.fileName}:${el.line}`;
    if (el.local === 'systemID' && parent) {
      if (text && !this.ids.add(text)) this.c['N5.47'].fail(`systemID ${text} (i <${parent.local}>) forekommer mer enn én gang i ${this.fileName}.`, where);
      if (parent.local === 'arkivdel') this.arkivdeler.add(text);
      if (parent.local === 'klasse') this.klasser.add(text);
      if (parent.local === 'dokumentobjekt' && this.doc) this.doc.systemId = text;
      return;
    }
    if (el.local === 'referanseArkivdel' && text) {
      if (!this.refArkivdel.has(text) && this.refArkivdel.size < MAX_DISTINCT_REFS) this.refArkivdel.set(text, where);
      return;
    }
    if (el.local === 'referanseSekundaerKlassifikasjon' && text) {
      if (!this.refSekundaer.has(text) && this.refSekundaer.size < MAX_DISTINCT_REFS) this.refSekundaer.set(text, where);
      return;
    }
    if (el.local === 'journalposttype' && parent?.local === 'registrering' && text) {
      this.c['N5.17'].count(`Journalposttype: ${text}`);
      return;
    }
    if (this.doc && parent?.local === 'dokumentobjekt') {
      if (el.local === 'referanseDokumentfil') this.doc.ref = text;
      else if (el.local === 'sjekksum') this.doc.sjekksum = text;
      else if (el.local === 'sjekksumAlgoritme') this.doc.algoritme = text;
      return;
    }
    if (el.local === 'dokumentobjekt' && this.doc) {
      this.pendingDocs.push(this.doc);
      this.doc = null;
    }
  }

  /** The document files named since the last chunk: exist (N5.32) and hash to their sjekksum (N5.30). */
  async afterChunk(): Promise<void> {
    const docs = this.pendingDocs.splice(0);
    let next = 0;
    const worker = async () => {
      while (next < docs.length) await this.checkDoc(docs[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(8, docs.length) }, worker));
  }

  private async checkDoc(d: DocRef): Promise<void> {
    const who = d.systemId ? `dokumentobjekt ${d.systemId}` : 'et dokumentobjekt';
    const where = `${this.fileName}:${d.line}`;
    if (!d.ref) {
      this.c['N5.32'].fail(`${who} har ingen referanseDokumentfil.`, where);
      return;
    }
    // noark5-standard M218: the path is relative to arkivstruktur.xml; Arkade also accepts "\"
    const rel = d.ref.replace(/\\/g, '/');
    const abs = path.resolve(this.packageDir, rel);
    if (!abs.startsWith(path.resolve(this.packageDir) + path.sep)) {
      this.c['N5.32'].fail(`${who} peker på ${d.ref}, som ligger utenfor arkivuttrekket.`, where);
      return;
    }
    this.c['N5.32'].count('Antall referanser til dokumentfiler');
    let size: number | null;
    try {
      const st = statSync(abs);
      size = st.isFile() ? st.size : null;
    } catch {
      size = null;
    }
    if (size === null) {
      this.c['N5.32'].fail(`Dokumentfilen ${rel} som ${who} refererer til, finnes ikke.`, where);
      return;
    }
    this.c['N5.30'].count('Antall kontrollerte dokumentfiler');
    if (!d.sjekksum) {
      this.c['N5.30'].fail(`${who} (${rel}) mangler sjekksum.`, where);
      return;
    }
    if (d.algoritme && !/^SHA-?256$/i.test(d.algoritme)) {
      this.c['N5.30'].fail(`${who} (${rel}) oppgir sjekksumalgoritmen «${d.algoritme}»; forventet SHA256.`, where);
      return;
    }
    const actual = await sha256File(abs, size);
    if (actual.toLowerCase() !== d.sjekksum.toLowerCase()) {
      this.c['N5.30'].fail(`Sjekksummen til ${who} stemmer ikke med dokumentfilen ${rel}: oppgitt ${d.sjekksum}, beregnet ${actual}.`, where);
    }
  }

  /** N5.48 and N5.51, once the whole file is read (a reference may come before what it names). */
  finish(): void {
    for (const [ref, where] of this.refArkivdel) {
      if (!this.arkivdeler.has(ref)) this.c['N5.48'].fail(`referanseArkivdel ${ref} peker ikke på en arkivdel i arkivuttrekket.`, where);
    }
    this.c['N5.48'].count('Antall ulike referanser til arkivdel', this.refArkivdel.size);
    for (const [ref, where] of this.refSekundaer) {
      if (!this.klasser.has(ref)) this.c['N5.51'].fail(`referanseSekundaerKlassifikasjon ${ref} peker ikke på en klasse i arkivuttrekket.`, where);
    }
    this.c['N5.51'].count('Antall ulike referanser til sekundærklassifikasjon', this.refSekundaer.size);
  }
}

/** loependeJournal.xml / offentligJournal.xml: journalhode/antallJournalposter and the journalregistreringer. */
export class JournalScan implements PassListener {
  antallJournalposter: number | null = null;
  antallLine: number | null = null;
  registreringer = 0;
  open(el: OpenElement): void {
    if (el.local === 'journalregistrering') this.registreringer++;
  }
  close(el: ClosedElement, pass: XmlPass): void {
    if (el.local !== 'antallJournalposter') return;
    if (pass.parent()?.local !== 'journalhode') return;
    const t = el.text.trim();
    this.antallJournalposter = /^\d+$/.test(t) ? Number(t) : null;
    this.antallLine = el.line;
  }
}

/** endringslogg.xml: each endring's referanseArkivenhet names a systemID in arkivstruktur.xml (N5.62). */
export class EndringsloggScan implements PassListener {
  endringer = 0;
  constructor(
    private readonly c: Controls,
    private readonly ids: SystemIdSet,
    private readonly fileName: string,
  ) {}
  open(el: OpenElement): void {
    if (el.local === 'endring') this.endringer++;
  }
  close(el: ClosedElement): void {
    if (el.local !== 'referanseArkivenhet') return;
    const t = el.text.trim();
    this.c['N5.62'].count('Antall kontrollerte referanser');
    if (t && !this.ids.has(t)) this.c['N5.62'].fail(`Endring nr. ${this.endringer}: referanseArkivenhet ${t} peker ikke på en systemID i arkivstruktur.xml.`, `${this.fileName}:${el.line}`);
  }
}
