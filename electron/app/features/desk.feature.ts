import { archivedApplication } from '../../core/archive/archive-record';
import type { ArchiveService } from '../../core/archive/archive.service';
import { mayReadOriginalForm } from '../../core/desk/access-policy';
import { DeskError } from '../../core/desk/case-access';
import { createDeskService, type DeskDeps, type DeskService } from '../../core/desk/desk.service';
import { isPersonNumber } from '../../core/fodselsnummer';
import { activeRulesFrom } from '../../core/rules/rules.service';
import { allowedChannels, type deskChannels, type Session } from '../../ipc';
import type { Feature, FeatureDeps, StoredSubmission } from '../feature';
import { toCaseRow, toCaseWork } from '../views/case.view';

const DAY = 86_400_000;

type DeskChannel = keyof typeof deskChannels;

export interface DeskFeature extends Feature<DeskChannel> {
  service: DeskService;
  hiddenProfileIds(): string[];
  /** At ingest, in its transaction: open the case with its deadlines. */
  onStored(s: StoredSubmission): Promise<void>;
}

/** The desk: its service and the contract handlers, acting as the directory's current user. */
export function wireDesk(
  d: Pick<FeatureDeps, 'host' | 'config' | 'store' | 'repos' | 'clock' | 'links' | 'users' | 'labels' | 'cases'> & {
    archive: Pick<ArchiveService, 'registerReply'>;
    /** Sends the approved reply: the reply side's service. */
    replies: DeskDeps['replies'];
    /** What follows the final decision (routing after «decided», #15), in its transaction. */
    onDecisionFinal?: DeskDeps['onDecisionFinal'];
  },
): DeskFeature {
  const { intake, config: links } = d.links;
  const archivedCase = async (submissionId: number) => {
    const a = await archivedApplication(d.repos.archive, submissionId);
    return a.archivedAt && a.caseNumber ? { caseNumber: a.caseNumber, at: a.archivedAt } : null;
  };
  const correspondence = links.correspondence;
  const service = createDeskService({
    store: d.repos.desk,
    cases: d.cases,
    profile: (id) => intake.profiles.byId(id)?.profile,
    archive: d.archive,
    replies: d.replies,
    correspondenceService: (profileId) => ({
      resourceId: correspondence ? (correspondence.resources[profileId] ?? correspondence.resourceId) : null,
      altinn2Service: correspondence?.altinn2 ? { serviceCode: correspondence.altinn2.serviceCode, serviceEdition: correspondence.altinn2.serviceEdition } : null,
    }),
    archived: archivedCase,
    // #15: the case shows the advice of the rules IT activated (the design store), not only the profile file's
    activeRules: activeRulesFrom(d.repos.designs),
    putBlob: (bytes) => d.repos.archive.putBlob(bytes),
    letters: d.links.letters,
    users: d.users,
    municipality: { name: d.config.municipality?.name ?? (d.host.demo ? 'Demo kommune' : 'Kommunen'), orgNumber: d.config.municipality?.orgNumber ?? null },
    uow: d.store.uow,
    audit: d.repos.audit,
    clock: d.clock,
    timeZone: d.config.timezone,
    // #13 item 10: the letter's address block from Folkeregisteret as cached (expired answers too: offline, better than the form's);
    // the oldest safe integer rather than -Infinity, which a PostgreSQL bigint does not take
    registerPerson: async (personNumber) => (await d.repos.registerCache.person(personNumber, Number.MIN_SAFE_INTEGER))?.facts ?? null,
    // #13 item 11: the PDF stored at approval
    approvedLetter: async (submissionId) => {
      const r = await d.repos.replies.bySubmission(submissionId);
      return r ? d.repos.archive.blob(r.letter.sha256) : undefined;
    },
    onDecisionFinal: d.onDecisionFinal,
  });
  const me = () => d.users.current();
  const hiddenProfileIds = () => d.cases.hiddenProfileIds(me());
  const session = (): Session => ({ user: me(), switchable: d.users.switchable(), allowed: allowedChannels(me().roles) });
  const serviceName = (profileId: string | null) => d.labels(profileId)?.name ?? null;

  return {
    service,
    hiddenProfileIds,
    onStored: async (s) => {
      await service.open(s);
    },
    jobs: [],
    schedules: [],
    handlers: {
      'session.get': () => session(),
      'session.switchUser': ({ account }) => {
        if (!d.users.switchTo(account)) throw new DeskError('forbidden', 'Brukerbytte finnes bare i demoen, og bare til demoens brukere.');
        return session();
      },
      'cases.list': async (q) => {
        const now = d.clock.now();
        const text = q.q?.trim() ?? '';
        // a whole fødselsnummer finds the applicant's cases; anything else is searched as text
        const person = isPersonNumber(text);
        const r = await service.list(me(), {
          status: q.status,
          profileId: q.profileId,
          assignee: q.assignee === undefined ? undefined : q.assignee === 'none' ? null : q.assignee === 'me' ? me().account : q.assignee,
          deadlineBefore: q.deadline === 'overdue' ? now : q.deadline === 'due-soon' ? now + 3 * DAY : undefined,
          preliminaryBefore: q.deadline === 'preliminary' ? now : undefined,
          text: text && !person ? text : undefined,
          personNumber: person ? text : undefined,
          sort: q.sort,
          dir: q.dir,
          limit: q.limit,
          offset: q.offset,
        });
        // once per call, not per row: the profiles do not change within a request
        const screenedIds = new Set(d.cases.profileAccess().filter((p) => p.group !== null).map((p) => p.id));
        const items = r.rows.map((row) => toCaseRow(row, serviceName(row.profileId), row.profileId !== null && screenedIds.has(row.profileId)));
        const hidden = new Set(hiddenProfileIds());
        const services = intake.profiles
          .all()
          .filter((p) => !hidden.has(p.id))
          .map((p) => ({ id: p.id, name: serviceName(p.id) ?? p.id }));
        return { items, total: r.total, counts: r.counts, services };
      },
      'cases.work': async ({ publicId }) => toCaseWork(await service.view(me(), publicId)),
      'cases.claim': async ({ publicId }) => toCaseWork(await service.claim(me(), publicId)),
      'cases.release': async ({ publicId }) => toCaseWork(await service.release(me(), publicId)),
      'cases.reassign': async ({ publicId, to }) => toCaseWork(await service.reassign(me(), publicId, to)),
      'cases.note': async ({ publicId, text }) => toCaseWork(await service.note(me(), publicId, text)),
      'cases.decide': async ({ publicId, outcome, grounds }) => toCaseWork(await service.decide(me(), publicId, outcome, grounds)),
      'cases.saveLetter': async ({ publicId, title, body }) => toCaseWork(await service.saveLetter(me(), publicId, { title, body })),
      'cases.previewLetter': async ({ publicId }) => {
        const pdf = await service.preview(me(), publicId);
        return { pdfBase64: Buffer.from(pdf.bytes).toString('base64'), pages: pdf.pages };
      },
      'cases.approve': async ({ publicId }) => toCaseWork(await service.approve(me(), publicId)),
      'cases.sendBack': async ({ publicId, comment }) => toCaseWork(await service.sendBack(me(), publicId, comment)),
      'cases.rejectLetter': async ({ publicId, comment }) => toCaseWork(await service.rejectLetter(me(), publicId, comment)),
      'cases.part': async ({ publicId, seq }) => {
        const user = me();
        const stored = (await service.submission(user, publicId)).parts.find((p) => p.seq === seq);
        const part = stored && (await d.repos.submissions.partBytes(publicId, seq));
        if (!stored || !part) throw new DeskError('not-found', 'Fant ikke dokumentet.');
        if (stored.role === 'form') {
          // the original form XML holds the applicant's and the children's full fødselsnummer: the archivist's alone, and audited
          const allowed = mayReadOriginalForm(user);
          await d.store.uow.run(() =>
            d.repos.audit.append({ actor: user.account, action: allowed ? 'form.original-read' : 'access.refused', subject: `submission:${publicId}`, details: { part: seq } }, d.clock.now()),
          );
          if (!allowed) throw new DeskError('forbidden', 'Det opprinnelige skjemaet (med fullt fødselsnummer) er bare for arkivarer. Se skjemaet i saken.');
        }
        return { contentType: part.contentType, filename: part.filename, base64: Buffer.from(part.bytes).toString('base64') };
      },
    },
  };
}
