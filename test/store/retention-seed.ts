// #17 item 6: applications taken through the whole flow by the repositories (ingest, archive, decision, reply), for the retention tests and bench.
import { createHash, randomUUID } from 'node:crypto';
import type { NewEntry } from '../../electron/core/ports/archive-store.port';
import type { Repos } from '../../electron/store';
import { replyMessage } from '../helpers/reply-fixture';
import { part, receivedApplication } from '../helpers/submission-fixture';

export type SeedRepos = Pick<Repos, 'submissions' | 'desk' | 'archive' | 'replies' | 'handovers'>;

export interface Received {
  n: number;
  submissionId: number;
  publicId: string;
  receivedAt: number;
  /** The parts' bytes by seq, to compare what reads back. */
  parts: Uint8Array[];
  caseFileId: number;
  incomingId: number;
}

/** Incompressible-looking bytes, different per application and part: a small PDF receipt or attachment. */
export function documentBytes(n: number, seq: number, size: number): Uint8Array {
  const words = new Uint32Array(Math.ceil(size / 4));
  let x = (Math.imul(n, 2654435761) ^ Math.imul(seq + 1, 40503)) >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  const b = new Uint8Array(words.buffer, 0, size);
  b.set(new TextEncoder().encode(`%PDF-1.7 ${n}/${seq} `).subarray(0, size), 0);
  return b;
}

/** An application received at `at`: stored, a case on the desk, registered in a case file with its incoming entry (not archived yet). */
export async function receive(r: SeedRepos, n: number, at: number, sizes: readonly number[], shared?: Uint8Array): Promise<Received> {
  const fnr = `0101${String(n % 100).padStart(2, '0')}${String(10000 + (n % 90000)).slice(-5)}`;
  const name = `Søker ${n}`;
  const bytes = sizes.map((s, seq) => documentBytes(n, seq, s));
  if (shared) bytes.push(shared);
  const parts = bytes.map((b, seq) =>
    seq === 0 ? part('receipt-pdf', 'ref-data-as-pdf', 'kvittering.pdf', 'application/pdf', b) : part('attachment', 'vedlegg', `vedlegg-${seq}.pdf`, 'application/pdf', b),
  );
  const sub = await r.submissions.insert(receivedApplication({ profileId: 'barnehageplass', fnr, name, title: `Søknad om barnehageplass - ${name}`, parts, at }), {
    source: 'altinn3',
    sourceId: `src-${n}`,
    serviceKey: 'kommune/barnehageplass',
    fetchedAt: at,
  });
  await r.desk.ensureCase({ submissionId: sub.id, status: 'new', deadlineAt: null, preliminaryReplyAt: null, at });
  const detail = (await r.submissions.get(sub.publicId))!;
  const caseFileId = await r.archive.insertCaseFile({
    externalKey: `sak-${n}`,
    systemId: `sak-sys-${n}`,
    profileId: 'barnehageplass',
    applicantKey: fnr,
    title: `Barnehageplass - ${name}`,
    titlePublic: 'Barnehageplass - *****',
    arkivdel: 'BARNEHAGE',
    classification: { ordningsprinsipp: 'KK', ordningsverdi: 'A10' },
    administrativEnhet: 'OPPV',
    saksansvarlig: null,
    screening: null,
    saksdato: new Date(at).toISOString().slice(0, 10),
    openedAt: at,
  });
  const incoming: NewEntry = {
    externalKey: `jp-${n}`,
    systemId: `i-${n}`,
    journalposttype: 'I',
    title: `Søknad om barnehageplass - ${name}`,
    titlePublic: 'Søknad om barnehageplass - *****',
    journaldato: new Date(at).toISOString().slice(0, 10),
    dokumentetsDato: new Date(at).toISOString(),
    administrativEnhet: 'OPPV',
    saksbehandler: null,
    screening: null,
    correspondents: [{ role: 'avsender', name, personNumber: fnr, organisationNumber: null, address: null }],
    // the archive gets the very parts (the same content addresses)
    documents: detail.parts.map((p, i) => ({
      number: i + 1,
      role: i === 0 ? ('hoveddokument' as const) : ('vedlegg' as const),
      title: i === 0 ? 'Søknad' : 'Vedlegg',
      dokumenttype: i === 0 ? 'SØKNAD' : 'VEDLEGG',
      filename: p.filename ?? 'dok.pdf',
      contentType: p.contentType,
      sha256: p.sha256!,
      size: p.size,
    })),
    caseFileId,
    submissionId: sub.id,
    closesEntryId: null,
    avskrivningsmaate: null,
    createdAt: at,
  };
  const incomingId = await r.archive.insertEntry(incoming);
  return { n, submissionId: sub.id, publicId: sub.publicId, receivedAt: at, parts: bytes, caseFileId, incomingId };
}

export interface ProcessOptions {
  /** How the reply ends: read in Altinn, printed, or only sent (not finished). */
  reply?: 'read' | 'printed' | 'sent';
  /** Leave the incoming entry unarchived (the archive has not answered). */
  unarchived?: boolean;
  /** A hand-over to an internal system in this state. */
  handover?: 'done' | 'pending';
  letterBytes?: number;
}

/** The rest of the flow at `at`: archived with its numbers, approved, the reply letter stored, its U archived, the reply sent and ended. */
export async function processCase(r: SeedRepos, c: Received, at: number, o: ProcessOptions = {}): Promise<{ letter: Uint8Array }> {
  const n = c.n;
  if (!o.unarchived) {
    await r.archive.markCaseFileArchived(c.caseFileId, 'noark5-rest', { archiveSystemId: `arkiv-sak-${n}`, saksaar: 2026, sakssekvensnummer: n }, at);
    await r.archive.markEntryArchived(c.incomingId, 'noark5-rest', { archiveSystemId: `arkiv-jp-${n}`, journalaar: 2026, journalsekvensnummer: n, journalpostnummer: 1, documents: [] }, at);
  }
  await r.desk.setStatus(c.submissionId, 'approved', at);
  const letter = documentBytes(n, 99, o.letterBytes ?? 800);
  const letterSha = await r.archive.putBlob(letter);
  const uId = await r.archive.insertEntry({
    externalKey: `jp-svar-${n}`,
    systemId: `u-${n}`,
    journalposttype: 'U',
    title: `Svar - Søker ${n}`,
    titlePublic: 'Svar - *****',
    journaldato: new Date(at).toISOString().slice(0, 10),
    dokumentetsDato: new Date(at).toISOString(),
    administrativEnhet: 'OPPV',
    saksbehandler: 'Sara',
    screening: null,
    correspondents: [{ role: 'mottaker', name: `Søker ${n}`, personNumber: null, organisationNumber: null, address: null }],
    documents: [{ number: 1, role: 'hoveddokument', title: 'Vedtak', dokumenttype: 'BREV', filename: 'svar.pdf', contentType: 'application/pdf', sha256: letterSha, size: letter.byteLength }],
    caseFileId: c.caseFileId,
    submissionId: c.submissionId,
    closesEntryId: c.incomingId,
    avskrivningsmaate: 'BU',
    createdAt: at,
  });
  if (!o.unarchived) await r.archive.markEntryArchived(uId, 'noark5-rest', { archiveSystemId: `arkiv-u-${n}`, journalaar: 2026, journalsekvensnummer: 100_000 + n, journalpostnummer: 2, documents: [] }, at);
  const reply = await r.replies.insert(
    {
      submissionId: c.submissionId,
      replyKey: `r-${n}`,
      idempotentKey: `uuid-${n}`,
      state: 'queued',
      channel: 'altinn3',
      recipient: { personNumber: '01010112345' },
      message: replyMessage(),
      letter: { sha256: letterSha, size: letter.byteLength, filename: 'svar.pdf' },
      fallback: { days: 10, businessDays: false },
      approvedAt: at,
    },
    at,
  );
  const how = o.reply ?? 'read';
  if (how === 'read') await r.replies.update(reply.id, { state: 'read', sentAt: at, readAt: at }, at);
  else if (how === 'printed') await r.replies.update(reply.id, { state: 'printed', sentAt: at, printedAt: at }, at);
  else await r.replies.update(reply.id, { state: 'sent', sentAt: at }, at);
  if (o.handover) {
    await r.handovers.insert({ submissionId: c.submissionId, target: 'ist', key: `h-${n}`, mode: 'automatic', status: o.handover, after: 'archived' }, at);
  }
  return { letter };
}

/**
 * The same rows as receive() and processCase() write through the repositories (the statements are
 * theirs), as prepared statements on the SQLite handle in the caller's transaction: a simulated
 * year of 100,000 applications cannot afford a promise per statement on a 2-core machine.
 * retention.test.ts takes the same flow through the repositories themselves.
 */
export function fastSeeder(db: import('better-sqlite3').Database) {
  const st = {
    blob: db.prepare(`INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?)
       ON CONFLICT (sha256) DO UPDATE SET data = excluded.data, state = 'db', moved_at = NULL, after_days = NULL WHERE blobs.state = 'removed'`),
    submission: db.prepare(`INSERT INTO submissions (public_id, status, service_key, profile_id, profile_version, reportee_party_id, reportee_person_number,
       applicant_name, title, title_public, form_json, submitted_at, received_at)
       VALUES (?, 'received', 'kommune/barnehageplass', 'barnehageplass', 1, '50001', ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
    part: db.prepare('INSERT INTO submission_parts (submission_id, seq, role, data_type, filename, content_type, size, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    item: db.prepare("INSERT INTO source_items (source, source_id, submission_id, service_key, fetched_at) VALUES ('altinn3', ?, ?, 'kommune/barnehageplass', ?)"),
    kase: db.prepare("INSERT INTO cases (submission_id, status, deadline_at, preliminary_reply_at, updated_at) VALUES (?, 'new', NULL, NULL, ?)"),
    caseFile: db.prepare(`INSERT INTO archive_case_files (external_key, system_id, profile_id, applicant_key, title, title_public, arkivdel, ordningsprinsipp,
       ordningsverdi, administrativ_enhet, saksdato, opened_at) VALUES (?, ?, 'barnehageplass', ?, ?, 'Barnehageplass - *****', 'BARNEHAGE', 'KK', 'A10', 'OPPV', ?, ?) RETURNING id`),
    entry: db.prepare(`INSERT INTO archive_entries (external_key, system_id, case_file_id, submission_id, journalposttype, title, title_public, journaldato,
       dokumentets_dato, administrativ_enhet, saksbehandler, closes_entry_id, avskrivningsmaate, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, '*****', ?, ?, 'OPPV', ?, ?, ?, 'pending', ?, ?) RETURNING id`),
    correspondent: db.prepare("INSERT INTO archive_correspondents (entry_id, seq, role, name, person_number) VALUES (?, 1, ?, ?, ?)"),
    document: db.prepare('INSERT INTO archive_documents (entry_id, number, role, title, dokumenttype, filename, content_type, sha256, size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    caseFileArchived: db.prepare("UPDATE archive_case_files SET transport = 'noark5-rest', archive_system_id = ?, saksaar = 2026, sakssekvensnummer = ?, archived_at = ? WHERE id = ?"),
    entryArchived: db.prepare(`UPDATE archive_entries SET status = 'archived', transport = 'noark5-rest', archive_system_id = ?, journalaar = 2026, journalsekvensnummer = ?,
       journalpostnummer = ?, archived_at = ?, updated_at = ? WHERE id = ?`),
    approved: db.prepare("UPDATE cases SET status = 'approved', updated_at = ? WHERE submission_id = ?"),
    reply: db.prepare(`INSERT INTO replies (submission_id, profile_id, reply_key, idempotent_key, state, channel, recipient_json, message_json, letter_sha256, letter_size,
       letter_filename, fallback_days, fallback_business, approved_at, updated_at, sent_at, read_at, printed_at)
       VALUES (?, 'barnehageplass', ?, ?, ?, 'altinn3', ?, ?, ?, ?, 'svar.pdf', 10, 0, ?, ?, ?, ?, ?)`),
  };
  const message = JSON.stringify(replyMessage());
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const shaOf = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  return {
    receive(n: number, at: number, sizes: readonly number[]): Received {
      const fnr = `0101${String(n % 100).padStart(2, '0')}${String(10000 + (n % 90000)).slice(-5)}`;
      const name = `Søker ${n}`;
      const title = `Søknad om barnehageplass - ${name}`;
      const bytes = sizes.map((s, seq) => documentBytes(n, seq, s));
      const publicId = randomUUID();
      const form = { applicant: { name, personNumber: fnr }, title, titlePublic: 'Søknad om barnehageplass - *****', fields: {}, lists: {} };
      const id = Number((st.submission.get(publicId, fnr, name, title, 'Søknad om barnehageplass - *****', JSON.stringify(form), at, at) as { id: number }).id);
      const shas = bytes.map((b) => shaOf(b));
      bytes.forEach((b, seq) => {
        st.blob.run(shas[seq], b.byteLength, b);
        st.part.run(id, seq, seq === 0 ? 'receipt-pdf' : 'attachment', seq === 0 ? 'ref-data-as-pdf' : 'vedlegg', seq === 0 ? 'kvittering.pdf' : `vedlegg-${seq}.pdf`, 'application/pdf', b.byteLength, shas[seq]);
      });
      st.item.run(`src-${n}`, id, at);
      st.kase.run(id, at);
      const caseFileId = Number((st.caseFile.get(`sak-${n}`, `sak-sys-${n}`, fnr, `Barnehageplass - ${name}`, day(at), at) as { id: number }).id);
      const incomingId = Number((st.entry.get(`jp-${n}`, `i-${n}`, caseFileId, id, 'I', title, day(at), new Date(at).toISOString(), null, null, null, at, at) as { id: number }).id);
      st.correspondent.run(incomingId, 'avsender', name, fnr);
      bytes.forEach((b, seq) => st.document.run(incomingId, seq + 1, seq === 0 ? 'hoveddokument' : 'vedlegg', seq === 0 ? 'Søknad' : 'Vedlegg', seq === 0 ? 'SØKNAD' : 'VEDLEGG', 'dok.pdf', 'application/pdf', shas[seq], b.byteLength));
      return { n, submissionId: id, publicId, receivedAt: at, parts: bytes, caseFileId, incomingId };
    },
    process(c: Received, at: number, o: { reply: 'read' | 'printed'; letterBytes: number }): void {
      const n = c.n;
      st.caseFileArchived.run(`arkiv-sak-${n}`, n, at, c.caseFileId);
      st.entryArchived.run(`arkiv-jp-${n}`, n, 1, at, at, c.incomingId);
      st.approved.run(at, c.submissionId);
      const letter = documentBytes(n, 99, o.letterBytes);
      const letterSha = shaOf(letter);
      st.blob.run(letterSha, letter.byteLength, letter);
      const uId = Number((st.entry.get(`jp-svar-${n}`, `u-${n}`, c.caseFileId, c.submissionId, 'U', `Svar - Søker ${n}`, day(at), new Date(at).toISOString(), 'Sara', c.incomingId, 'BU', at, at) as { id: number }).id);
      st.correspondent.run(uId, 'mottaker', `Søker ${n}`, null);
      st.document.run(uId, 1, 'hoveddokument', 'Vedtak', 'BREV', 'svar.pdf', 'application/pdf', letterSha, letter.byteLength);
      st.entryArchived.run(`arkiv-u-${n}`, 100_000 + n, 2, at, at, uId);
      st.reply.run(c.submissionId, `r-${n}`, `uuid-${n}`, o.reply, '{"personNumber":"01010112345"}', message, letterSha, letter.byteLength, at, at, at, o.reply === 'read' ? at : null, o.reply === 'printed' ? at : null);
    },
  };
}
