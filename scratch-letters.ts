import path from 'node:path';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import type { LetterDocument } from './electron/core/ports/letter-renderer.port';
import { createLetterPdfRenderer } from './integrations/letters/letter-pdf.renderer';
import { createPrintPdfRenderer } from './integrations/letters/print-pdf.renderer';
const RESOURCES = path.resolve(__dirname, 'resources');
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!, int: (n: number) => Math.floor(next() * n) };
}
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const FIRST = ['Kari', 'Ola', 'Åse', 'Øystein', 'Ærling', 'Ingrid', 'Lars', 'Sigrid', 'Bjørn', 'Marit', 'Håkon', 'Solveig', 'Jørgen', 'Nora', 'Emil', 'Astrid'];
const LAST = ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Berg', 'Haugen', 'Bråten', 'Sæther', 'Løvås', 'Økland'];
const STREETS = ['Storgata', 'Kirkeveien', 'Skogveien', 'Fjordgata', 'Bakkeløkka', 'Sørliveien'];
const PLACES = ['OSLO', 'BERGEN', 'TRONDHEIM', 'TROMSØ', 'BODØ', 'ÅLESUND'];
const paragraph = (i: number) =>
  `Avsnitt ${i}. Kommunen har behandlet søknaden om plass i skolefritidsordningen. Etter opplæringsloven § 13-7 skal kommunen ha et tilbud ` +
  `før og etter skoletid for elever på 1.–4. trinn, og vi har lagt vekt på opplysningene i søknaden og på retningslinjene for opptak.`;
function letterFor(i: number): LetterDocument {
  const r = prng(1000 + i);
  return {
    municipality: { name: 'Ørland kommune', orgNumber: '964 982 953', unit: 'Oppvekst og kultur' },
    recipient: { name: `${r.pick(FIRST)} ${r.pick(LAST)}`, street: `${r.pick(STREETS)} ${1 + r.int(120)}`, postalCode: pad(r.int(10_000), 4), postalPlace: r.pick(PLACES) },
    caseNumber: `2026/${1000 + i}`, date: '2026-11-29', title: 'Vedtak om plass i SFO – skoleåret 2026/2027',
    body: ['Vi viser til søknaden din om plass i SFO, mottatt 2. oktober 2026.', 'Vedtak: Søknaden er innvilget. Barnet får plass ved Brekstad skole fra 1. august 2027, med 100 % plass.',
      ...Array.from({ length: 8 }, (_, k) => paragraph(k + 1)),
      'Du kan klage på vedtaket. Fristen er tre uker fra du mottok dette brevet, jf. forvaltningsloven §§ 28 og 29. Klagen sendes til oss; ' +
        'tar vi den ikke til følge, sender vi den videre til Statsforvalteren i Trøndelag. Du har rett til å se dokumentene i saken (§ 18).'].join('\n\n'),
    caseworker: { name: 'Kari Nordmann', unit: 'Seksjon for oppvekst' }, language: 'nb',
  };
}
async function main() {
  const N = Number(process.env.N ?? 200);
  const letters = createLetterPdfRenderer({ fontDir: path.join(RESOURCES, 'fonts'), iccProfile: path.join(RESOURCES, 'icc', 'sRGB.icc') });
  const print = createPrintPdfRenderer({ resourcesDir: RESOURCES });
  const pi = (bytes: Uint8Array, doc: LetterDocument) => ({ letter: bytes, recipient: { name: doc.recipient.name, address: { lines: [doc.recipient.street!], postalCode: doc.recipient.postalCode!, postalPlace: doc.recipient.postalPlace!, country: null } }, sender: { name: doc.municipality.name, orgNumber: doc.municipality.orgNumber }, reference: doc.caseNumber!, date: doc.date });
  for (let i = 0; i < 5; i++) { const w = await letters.render(letterFor(-1 - i)); await print.printReady(pi(w.bytes, letterFor(-1 - i))); }
  const docs = Array.from({ length: N }, (_, i) => letterFor(i));
  const out: Uint8Array[] = [];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const d of docs) out.push((await letters.render(d)).bytes);
  const ms = performance.now() - t0;
  const cu = process.cpuUsage(c0); const cpuMs = (cu.user + cu.system) / 1000 / N;
  const h = createHash('sha256'); for (const b of out) h.update(b);
  const t1 = performance.now();
  const ph = createHash('sha256');
  for (let i = 0; i < N; i++) ph.update((await print.printReady(pi(out[i]!, docs[i]!))).bytes);
  const pms = performance.now() - t1;
  console.log(`letter cpu ${cpuMs.toFixed(2)} ms; wall ${(ms / N).toFixed(2)} ms = ${(N / ms * 1000).toFixed(1)}/s; print ${(pms / N).toFixed(2)} ms; both ${(N / (ms + pms) * 1000).toFixed(1)}/s; size ${out[0]!.length}; letters sha ${h.digest('hex').slice(0, 16)} print sha ${ph.digest('hex').slice(0, 16)}`);
  if (process.env.DUMP) fs.writeFileSync(process.env.DUMP, out[0]!);
}
void main();
