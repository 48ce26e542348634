// #16: a local archive record as registration, delivery and replies leave it, for the reader's and the desk's tests.
import type { Screening } from '../../electron/core/archive/archive-record';
import type { NewEntry } from '../../electron/core/ports/archive-store.port';
import type { Repos } from '../../electron/store';
import { replyMessage } from '../helpers/reply-fixture';
import { part, receivedApplication } from '../helpers/submission-fixture';

export const SCREENED: Screening = { tilgangsrestriksjon: 'UO', skjermingshjemmel: 'Offl. § 13 jf. fvl. § 13', screenTitle: true, screenCorrespondent: true, screenDocuments: true };
const enc = (s: string) => new TextEncoder().encode(s);

export interface CaseSpec {
  arkivdel: string;
  ordningsprinsipp: string;
  ordningsverdi: string;
  saksdato: string;
  /** Numbered by the archive (case file and its I; the U too when there is one). */
  archived?: { saksaar: number; sakssekvensnummer: number };
  screened?: boolean;
  enhet?: string;
  /** A reply U closing the I: its registration date, saksbehandler, and when it left. */
  reply?: { journaldato: string; saksbehandler: string | null; sentAt?: number; printedAt?: number };
}

export interface SeededCase {
  spec: CaseSpec;
  caseFileId: number;
  submissionId: number;
  publicId: string;
  incoming: { id: number; key: string; systemId: string };
  reply: { id: number; key: string; systemId: string } | null;
}

/** Registers each case as the archive service would: submission, case file, the I with its applicant and files, then the reply U. */
export async function seedArchive(r: Pick<Repos, 'submissions' | 'desk' | 'archive' | 'replies'>, specs: CaseSpec[], tag = 'k'): Promise<SeededCase[]> {
  const out: SeededCase[] = [];
  for (const [i, spec] of specs.entries()) {
    const n = `${tag}-${i + 1}`;
    const fnr = `010170${String(10000 + i).slice(-5)}`;
    const name = `Kari Nordmann ${i + 1}`;
    const at = Date.UTC(2026, 0, 1) + i * 60_000;
    const sub = await r.submissions.insert(
      receivedApplication({ profileId: 'barnehageplass', fnr, name, title: `Søknad om barnehageplass - ${name}`, parts: [part('receipt-pdf', 'ref-data-as-pdf', 'kvittering.pdf', 'application/pdf', enc(`%PDF-${n}`))], at }),
      { source: 'altinn3', sourceId: `src-${n}`, serviceKey: 'kommune/barnehageplass', fetchedAt: at },
    );
    await r.desk.ensureCase({ submissionId: sub.id, status: 'new', deadlineAt: null, preliminaryReplyAt: null, at });
    const screening = spec.screened ? SCREENED : null;
    const caseFileId = await r.archive.insertCaseFile({
      externalKey: `sak-${n}`,
      systemId: `sak-sys-${n}`,
      profileId: 'barnehageplass',
      applicantKey: fnr,
      title: `Barnehageplass - ${name}`,
      titlePublic: spec.screened ? 'Barnehageplass - *****' : `Barnehageplass - ${name}`,
      arkivdel: spec.arkivdel,
      classification: { ordningsprinsipp: spec.ordningsprinsipp, ordningsverdi: spec.ordningsverdi },
      administrativEnhet: spec.enhet ?? 'OPPV',
      saksansvarlig: i % 2 ? 'Sara Saksbehandler' : null,
      screening,
      saksdato: spec.saksdato,
      openedAt: at,
    });
    const mainSha = await r.archive.putBlob(enc(`%PDF-soknad-${n}`));
    const attSha = await r.archive.putBlob(enc(`%PDF-vedlegg-${n}`));
    const iKey = `jp-${n}`;
    const iSys = `i-${n}`;
    const incoming: NewEntry = {
      externalKey: iKey,
      systemId: iSys,
      journalposttype: 'I',
      title: `Søknad om barnehageplass - ${name}`,
      titlePublic: spec.screened ? 'Søknad om barnehageplass - *****' : `Søknad om barnehageplass - ${name}`,
      journaldato: spec.saksdato,
      dokumentetsDato: `${spec.saksdato}T09:00:00+01:00`,
      administrativEnhet: spec.enhet ?? 'OPPV',
      saksbehandler: null,
      screening,
      correspondents: [{ role: 'avsender', name, personNumber: fnr, organisationNumber: null, address: { street: 'Storgata 1', postalCode: '0155', postalPlace: 'OSLO' } }],
      documents: [
        { number: 1, role: 'hoveddokument', title: 'Søknad', dokumenttype: 'SØKNAD', filename: 'soknad.pdf', contentType: 'application/pdf', sha256: mainSha, size: 13 },
        { number: 2, role: 'vedlegg', title: 'Dokumentasjon', dokumenttype: 'VEDLEGG', filename: 'vedlegg.pdf', contentType: 'application/pdf', sha256: attSha, size: 14 },
      ],
      caseFileId,
      submissionId: sub.id,
      closesEntryId: null,
      avskrivningsmaate: null,
      createdAt: at,
    };
    const iId = await r.archive.insertEntry(incoming);
    if (spec.archived) {
      await r.archive.markCaseFileArchived(caseFileId, 'noark5-rest', { archiveSystemId: `arkiv-sak-${n}`, ...spec.archived }, at + 1);
      await r.archive.markEntryArchived(iId, 'noark5-rest', { archiveSystemId: `arkiv-jp-${n}`, journalaar: spec.archived.saksaar, journalsekvensnummer: 100 + i, journalpostnummer: 1, documents: [{ number: 1, archiveSystemId: `arkiv-dok-${n}` }] }, at + 1);
    }
    let reply: SeededCase['reply'] = null;
    if (spec.reply) {
      const letterSha = await r.archive.putBlob(enc(`%PDF-svar-${n}`));
      const uKey = `jp-svar-${n}`;
      const uSys = `u-${n}`;
      const uId = await r.archive.insertEntry({
        ...incoming,
        externalKey: uKey,
        systemId: uSys,
        journalposttype: 'U',
        title: `Svar på søknad - ${name}`,
        titlePublic: spec.screened ? 'Svar på søknad - *****' : `Svar på søknad - ${name}`,
        journaldato: spec.reply.journaldato,
        dokumentetsDato: `${spec.reply.journaldato}T12:00:00+01:00`,
        saksbehandler: spec.reply.saksbehandler,
        correspondents: [{ role: 'mottaker', name, personNumber: fnr, organisationNumber: null, address: null }],
        documents: [{ number: 1, role: 'hoveddokument', title: 'Vedtak', dokumenttype: 'BREV', filename: 'svar.pdf', contentType: 'application/pdf', sha256: letterSha, size: 12 }],
        closesEntryId: iId,
        avskrivningsmaate: 'BU',
        createdAt: at + 10,
      });
      const stored = await r.replies.insert(
        {
          submissionId: sub.id,
          replyKey: `r-${n}`,
          idempotentKey: `uuid-${n}`,
          state: 'queued',
          channel: spec.reply.printedAt !== undefined && spec.reply.sentAt === undefined ? 'print' : 'altinn3',
          recipient: { personNumber: fnr },
          message: replyMessage(),
          letter: { sha256: letterSha, size: 12, filename: 'svar.pdf' },
          fallback: { days: 10, businessDays: false },
          approvedAt: at + 5,
        },
        at + 5,
      );
      if (spec.reply.sentAt !== undefined) await r.replies.update(stored.id, { state: 'sent', sentAt: spec.reply.sentAt }, spec.reply.sentAt);
      if (spec.reply.printedAt !== undefined) await r.replies.update(stored.id, { state: 'printed', printedAt: spec.reply.printedAt }, spec.reply.printedAt);
      reply = { id: uId, key: uKey, systemId: uSys };
    }
    out.push({ spec, caseFileId, submissionId: sub.id, publicId: sub.publicId, incoming: { id: iId, key: iKey, systemId: iSys }, reply });
  }
  return out;
}

/**
 * 30 case files in three arkivdeler, inserted out of classification order, some numbered, some
 * screened, some answered (by a named saksbehandler or by the system; sent, printed, or not yet).
 */
export function mixedSpecs(): CaseSpec[] {
  const verdier = ['B10', 'A20', 'A10', 'C5', 'A10', 'B2'];
  const specs: CaseSpec[] = [];
  for (let i = 0; i < 30; i++) {
    const day = String(1 + ((i * 7) % 28)).padStart(2, '0');
    specs.push({
      arkivdel: i % 10 === 9 ? 'SFO' : 'BARNEHAGE',
      ordningsprinsipp: i % 5 === 4 ? 'PNR' : 'KK',
      ordningsverdi: i % 5 === 4 ? `0101701${String(1000 + i)}` : verdier[i % verdier.length]!,
      saksdato: `2026-0${1 + (i % 3)}-${day}`,
      archived: i % 3 === 0 ? { saksaar: 2026, sakssekvensnummer: 10 + i } : undefined,
      screened: i % 5 === 4,
      enhet: i % 4 === 1 ? 'SFO-ENH' : 'OPPV',
      reply:
        i % 2 === 0
          ? {
              journaldato: `2026-0${1 + (i % 3)}-28`,
              saksbehandler: i % 4 === 0 ? 'Sara Saksbehandler' : null,
              sentAt: i % 6 === 0 ? Date.UTC(2026, 2, 1, 10, i) : undefined,
              printedAt: i % 6 === 2 ? Date.UTC(2026, 2, 5, 8, i) : undefined,
            }
          : undefined,
    });
  }
  return specs;
}
