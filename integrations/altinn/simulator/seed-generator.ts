import type { LoadedProfile } from '../../../electron/core/profiles/profile.types';
import { lookupPath, parseXsd, type XsdElementDecl, type XsdModel } from '../../shared/xml/xsd-model';
import { planForm, writeFormXml } from './seed-form-xml';
import { buildPdf } from './seed-pdf';
import { createPersonFactory, type SeedHousehold } from './seed-person';
import { createSeedRng, type SeedRng } from './seed-random';
import type { SeedFile, SeedSubmission } from './sim-types';

/**
 * Realistic, reproducible submissions for the Altinn simulators and the demo: the same
 * seed gives the same bytes. Forms follow each profile's XSD; people are made up (faker
 * nb_NO) with valid fødselsnummer and ages that fit the service; the receipt and the
 * attachments are real PDFs padded to about `attachmentBytes` per submission.
 */

export interface GenerateSubmissionsOptions {
  seed: number;
  count: number;
  /** The municipality's Altinn org code: appIds are "{org}/{app}". */
  org: string;
  profiles: LoadedProfile[];
  /** Share made in Altinn 2 (among profiles with an altinn2 source); default 0.1. */
  a2Share?: number;
  /** First completion time, ms; default Monday 5 January 2026 08:00 Oslo time. */
  startAt?: number;
  /** About this many bytes per submission (form, receipt and attachments; padding goes into the PDFs); default 50,000. */
  attachmentBytes?: number;
}

const DEFAULT_START = Date.UTC(2026, 0, 5, 7, 0, 0);
const PDF_BASE_BYTES = 1500;

interface Prepared {
  loaded: LoadedProfile;
  model: XsdModel;
  root: XsdElementDecl;
}

function prepare(loaded: LoadedProfile): Prepared {
  const model = parseXsd(loaded.xsd);
  const name = loaded.profile.form.rootElement.slice(loaded.profile.form.rootElement.indexOf(':') + 1);
  const root = model.elements.get(name);
  if (!root) throw new Error(`Profilen «${loaded.profile.id}»: XSD-en har ikke rotelementet ${name}`);
  return { loaded, model, root };
}

/** Exactly round(count × share) indexes, spread at random. */
function chooseIndexes(count: number, share: number, rng: SeedRng): Set<number> {
  const idx = Array.from({ length: count }, (_, i) => i);
  const n = Math.round(count * Math.min(1, Math.max(0, share)));
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng.next() * (count - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return new Set(idx.slice(0, n));
}

const osloTime = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', dateStyle: 'short', timeStyle: 'short' });

function subjectCount(p: Prepared, rng: SeedRng): number {
  const list = p.loaded.profile.roles.subjects?.list;
  if (!list) return 0;
  const r = rng.next();
  const n = r < 0.7 ? 1 : r < 0.92 ? 2 : 3;
  return Math.max(1, Math.min(n, maxItems(p, list)));
}

function maxItems(p: Prepared, list: string): number {
  const path = p.loaded.profile.lists[list]?.path;
  const found = path ? lookupPath(p.root, path) : null;
  return found?.found ? found.decl.maxOccurs : 1;
}

function attachmentLines(dataType: string, household: SeedHousehold, serviceName: string, date: string, rng: SeedRng): PdfLines {
  const who = household.applicant;
  if (/lege/i.test(dataType)) {
    return [
      { text: `Pasient: ${who.name}`, size: 12, gapBefore: 8 },
      { text: `Fødselsnummer: ${who.personNumber}` },
      { text: `Dato: ${date}` },
      { text: `Diagnose: ${rng.pick(['S72.0 Brudd på lårhals', 'S72.1 Pertrokantært brudd', 'M16.1 Primær hofteleddsartrose', 'I63.9 Hjerneinfarkt'])}`, gapBefore: 8 },
      { text: 'Pasienten har behov for opptrening og hjelp i hjemmet etter utskrivning.' },
      { text: `Lege: ${rng.pick(['Ingrid Solberg', 'Ahmed Rahimi', 'Kari Nygaard', 'Per Eriksen'])}, spesialist i allmennmedisin`, gapBefore: 16 },
    ];
  }
  return [
    { text: `Vedlegg til: ${serviceName}`, size: 12, gapBefore: 8 },
    { text: `Innsender: ${who.name}` },
    { text: `Dato: ${date}` },
  ];
}
type PdfLines = { text: string; size?: number; gapBefore?: number }[];

/** All at once. 20,000 × 50 KB is a gigabyte held in memory; iterateSubmissions gives the same sequence one by one. */
export function generateSubmissions(opts: GenerateSubmissionsOptions): SeedSubmission[] {
  return Array.from(iterateSubmissions(opts));
}

/** The same submissions as generateSubmissions, made as they are taken. */
export function* iterateSubmissions(opts: GenerateSubmissionsOptions): Generator<SeedSubmission, void, undefined> {
  const rng = createSeedRng(opts.seed);
  // which service, which channel and whether a family applies again come from their own stream:
  // the content stream takes a number of draws that depends on the date (a fødselsnummer's
  // individual number is redrawn when its check digit would be 10), and the demo's mix of
  // services must not change from one day to the next
  const mix = createSeedRng((opts.seed ^ 0x6d697821) >>> 0);
  const people = createPersonFactory(opts.seed, rng);
  const prepared = opts.profiles.map(prepare);
  const a3able = prepared.filter((p) => p.loaded.profile.sources.altinn3);
  const a2able = prepared.filter((p) => p.loaded.profile.sources.altinn2);
  if (opts.count > 0 && a3able.length === 0 && a2able.length === 0) throw new Error('Ingen profiler å lage innsendinger for');
  const a2Indexes = a2able.length ? chooseIndexes(opts.count, a3able.length ? (opts.a2Share ?? 0.1) : 1, mix) : new Set<number>();
  const budget = opts.attachmentBytes ?? 50_000;

  const partyIds = new Map<string, string>();
  const partyOf = (fnr: string) => {
    let id = partyIds.get(fnr);
    if (!id) partyIds.set(fnr, (id = String(50_001_000 + partyIds.size)));
    return id;
  };
  const households = new Map<string, SeedHousehold[]>();
  let archiveNo = rng.int(10_000_000, 40_000_000);
  let completedAt = opts.startAt ?? DEFAULT_START;

  for (let i = 0; i < opts.count; i++) {
    completedAt += rng.int(20, 900) * 1000;
    const createdAt = completedAt - rng.int(2, 40) * 60_000;
    const viaA2 = a2Indexes.has(i);
    const p = mix.pick(viaA2 ? a2able : a3able);
    const profile = p.loaded.profile;

    // now and then the same family applies again (a second leave, a changed kindergarten wish)
    const earlier = households.get(profile.id) ?? [];
    const household =
      earlier.length > 0 && mix.chance(0.05)
        ? mix.pick(earlier)
        : people.household({ on: completedAt, applicantAge: profile.audience?.applicantAge, subjectAge: profile.audience?.subjectAge, subjects: subjectCount(p, rng) });
    if (!earlier.includes(household)) households.set(profile.id, [...earlier, household]);

    const plan = planForm(p.loaded, p.root, household, { rng, people, completedAt });
    const formXml = writeFormXml(p.model, p.root, plan, completedAt);
    const instanceGuid = rng.uuid();
    const { altinn2: a2, altinn3: a3 } = profile.sources;
    const altinn2 =
      viaA2 && a2
        ? { archiveReference: `AR${(archiveNo += rng.int(1, 37))}`, serviceCode: a2.serviceCode, serviceEditionCode: a2.serviceEditionCode, reporteeType: 'Person' as const }
        : undefined;
    const appId = altinn2 ? `${opts.org}/a2-${altinn2.serviceCode}-${altinn2.serviceEditionCode}` : `${a3?.org ?? opts.org}/${a3?.app ?? profile.id}`;

    const chosen = profile.attachments.filter((a) => a.required || rng.chance(0.25));
    const padTotal = Math.max(0, budget * (0.85 + rng.next() * 0.3) - Buffer.byteLength(formXml) - PDF_BASE_BYTES * (1 + chosen.length));
    const receiptPad = Math.round(chosen.length ? padTotal * 0.3 : padTotal);
    const attachmentPad = chosen.length ? Math.round((padTotal - receiptPad) / chosen.length) : 0;
    const when = osloTime.format(completedAt);
    const date = when.split(/[ ,]+/)[0] ?? when;

    const attachments: SeedFile[] = chosen.map((a) => {
      const pdf = a.contentTypes.includes('application/pdf');
      const label = a.label.nb;
      return {
        dataType: a.dataType,
        filename: `${a.dataType}.${pdf ? 'pdf' : (a.contentTypes[0]!.split('/')[1] ?? 'bin')}`,
        contentType: pdf ? 'application/pdf' : a.contentTypes[0]!,
        bytes: buildPdf({
          title: label,
          lines: attachmentLines(a.dataType, household, profile.name.nb, date, rng),
          creationDate: new Date(createdAt),
          padBytes: Math.min(attachmentPad, Math.max(0, a.maxBytes - PDF_BASE_BYTES)),
          padPattern: `${instanceGuid}:${a.dataType}`,
        }),
      };
    });

    const receiptPdf = buildPdf({
      title: 'Kvittering for innsending',
      lines: [
        { text: profile.name.nb, size: 13, gapBefore: 6 },
        { text: `Innsender: ${household.applicant.name}`, gapBefore: 10 },
        { text: `Fødselsnummer: ${household.applicant.personNumber.slice(0, 6)} *****` },
        { text: `Mottaker: ${opts.org}` },
        { text: `Innsendt: ${when}` },
        { text: altinn2 ? `Arkivreferanse: ${altinn2.archiveReference}` : `Referanse: ${instanceGuid}` },
        { text: 'Denne kvitteringen bekrefter at skjemaet er sendt inn.', size: 9, gapBefore: 14 },
      ],
      creationDate: new Date(completedAt),
      author: 'Altinn',
      padBytes: receiptPad,
      padPattern: instanceGuid,
    });

    const sub: SeedSubmission = {
      profileId: profile.id,
      instanceGuid,
      partyId: partyOf(household.applicant.personNumber),
      personNumber: household.applicant.personNumber,
      appId,
      createdAt,
      completedAt,
      formXml,
      receiptPdf,
      attachments,
      household,
    };
    if (altinn2) sub.altinn2 = altinn2;
    yield sub;
  }
}
