import type { z } from 'zod';
import type { ArchiveService } from '../core/archive/archive.service';
import { hiddenProfileIds as hiddenFor, type ProfileAccess } from '../core/desk/access-policy';
import { createDeskService, DeskError, type CaseWorkView, type DeskDeps, type DeskService } from '../core/desk/desk.service';
import type { ArchiveStore } from '../core/ports/archive-store.port';
import type { AuditLog } from '../core/ports/audit-log.port';
import type { Clock } from '../core/ports/clock.port';
import type { DeskStore } from '../core/ports/desk-store.port';
import type { UnitOfWork } from '../core/ports/job-store.port';
import type { LetterRenderer } from '../core/ports/letter-renderer.port';
import type { SubmissionStore } from '../core/ports/submission-store.port';
import type { ProfileRegistry } from '../core/profiles/profile.types';
import type { CaseRow, CaseWork, deskChannels, Session } from '../ipc';
import type { UserDirectory } from './desk-users';
import { maskPersonNumber } from './submission-view';

type DeskChannel = keyof typeof deskChannels;
type Input<C extends DeskChannel> = z.output<(typeof deskChannels)[C]['input']>;
export type DeskHandlers = { [C in DeskChannel]: (input: Input<C>) => unknown };

const toWork = (v: CaseWorkView): CaseWork => ({
  status: v.record.status,
  assignee: v.record.assignee,
  deadlineAt: v.record.deadlineAt,
  preliminaryReplyAt: v.record.preliminaryReplyAt,
  notes: v.notes,
  decision: v.decision,
  letter: v.letter,
  approvals: v.approvals,
  secondApprovalRequired: v.secondApprovalRequired,
  can: v.can,
  recommendation: v.recommendation,
  timeline: v.timeline,
});

const DAY = 86_400_000;
const FNR = /^\d{11}$/;

/** The desk: its service and the contract handlers, acting as the directory's current user. */
export function wireDesk(d: {
  store: DeskStore;
  submissions: SubmissionStore;
  archiveStore: ArchiveStore;
  archive: ArchiveService;
  profiles: ProfileRegistry;
  letters: LetterRenderer;
  users: UserDirectory;
  municipality: { name: string; orgNumber: string | null };
  uow: UnitOfWork;
  audit: AuditLog;
  clock: Clock;
  labelOf(profileId: string | null): string | null;
  replies?: DeskDeps['replies'];
  correspondenceService?: DeskDeps['correspondenceService'];
}): { service: DeskService; handlers: DeskHandlers; hiddenProfileIds(): string[] } {
  const profileAccess = (): ProfileAccess[] =>
    d.profiles.all().map((p) => ({ id: p.id, group: p.profile.access.group ?? null, secondApproval: p.profile.reply.secondApproval }));
  const archived = (submissionId: number) => {
    const entry = d.archiveStore.entriesOfSubmission(submissionId).find((e) => e.journalposttype === 'I');
    const caseFile = entry ? d.archiveStore.caseFile(entry.caseFileId) : undefined;
    return entry?.archivedAt && caseFile?.archived ? { caseNumber: `${caseFile.archived.saksaar}/${caseFile.archived.sakssekvensnummer}`, at: entry.archivedAt } : null;
  };
  const service = createDeskService({
    store: d.store,
    submission: (publicId) => d.submissions.get(publicId),
    profile: (id) => d.profiles.byId(id)?.profile,
    profileAccess,
    archive: d.archive,
    replies: d.replies,
    correspondenceService: d.correspondenceService,
    archived,
    putBlob: (bytes) => d.archiveStore.putBlob(bytes),
    letters: d.letters,
    users: d.users,
    municipality: d.municipality,
    uow: d.uow,
    audit: d.audit,
    clock: d.clock,
  });
  const me = () => d.users.current();
  const hiddenProfileIds = () => hiddenFor(me(), profileAccess());
  const session = (): Session => ({ user: me(), switchable: d.users.switchable() });

  const handlers: DeskHandlers = {
    'session.get': () => session(),
    'session.switchUser': ({ account }) => {
      if (!d.users.switchTo(account)) throw new DeskError('forbidden', 'Brukerbytte finnes bare i demoen, og bare til demoens brukere.');
      return session();
    },
    'cases.list': (q) => {
      const now = d.clock.now();
      const text = q.q?.trim() ?? '';
      const r = service.list(me(), {
        status: q.status,
        profileId: q.profileId,
        assignee: q.assignee === undefined ? undefined : q.assignee === 'none' ? null : q.assignee === 'me' ? me().account : q.assignee,
        deadlineBefore: q.deadline === 'overdue' ? now : q.deadline === 'due-soon' ? now + 3 * DAY : undefined,
        preliminaryBefore: q.deadline === 'preliminary' ? now : undefined,
        text: text && !FNR.test(text) ? text : undefined,
        personNumber: FNR.test(text) ? text : undefined,
        sort: q.sort,
        dir: q.dir,
        limit: q.limit,
        offset: q.offset,
      });
      // once per call, not per row: the profiles do not change within a request
      const screenedIds = new Set(profileAccess().filter((p) => p.group !== null).map((p) => p.id));
      const items: CaseRow[] = r.rows.map((row) => ({
        publicId: row.publicId,
        profileId: row.profileId,
        serviceName: d.labelOf(row.profileId),
        applicantName: row.applicantName,
        personNumberMasked: maskPersonNumber(row.personNumber),
        title: row.title,
        receivedAt: row.receivedAt,
        status: row.status,
        assignee: row.assignee,
        caseNumber: row.caseNumber,
        deadlineAt: row.deadlineAt,
        preliminaryReplyAt: row.preliminaryReplyAt,
        screened: row.profileId !== null && screenedIds.has(row.profileId),
      }));
      const hidden = new Set(hiddenProfileIds());
      const services = d.profiles
        .all()
        .filter((p) => !hidden.has(p.id))
        .map((p) => ({ id: p.id, name: d.labelOf(p.id) ?? p.id }));
      return { items, total: r.total, counts: r.counts, services };
    },
    'cases.work': ({ publicId }) => toWork(service.view(me(), publicId)),
    'cases.claim': ({ publicId }) => toWork(service.claim(me(), publicId)),
    'cases.release': ({ publicId }) => toWork(service.release(me(), publicId)),
    'cases.reassign': ({ publicId, to }) => toWork(service.reassign(me(), publicId, to)),
    'cases.note': ({ publicId, text }) => toWork(service.note(me(), publicId, text)),
    'cases.decide': ({ publicId, outcome, grounds }) => toWork(service.decide(me(), publicId, outcome, grounds)),
    'cases.saveLetter': ({ publicId, title, body }) => toWork(service.saveLetter(me(), publicId, { title, body })),
    'cases.previewLetter': async ({ publicId }) => {
      const pdf = await service.preview(me(), publicId);
      return { pdfBase64: Buffer.from(pdf.bytes).toString('base64'), pages: pdf.pages };
    },
    'cases.approve': async ({ publicId }) => toWork(await service.approve(me(), publicId)),
    'cases.part': ({ publicId, seq }) => {
      service.submission(me(), publicId);
      const part = d.submissions.partBytes(publicId, seq);
      if (!part) throw new DeskError('not-found', 'Fant ikke dokumentet.');
      return { contentType: part.contentType, filename: part.filename, base64: Buffer.from(part.bytes).toString('base64') };
    },
  };
  return { service, handlers, hiddenProfileIds };
}
