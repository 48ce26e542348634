import { mayActOnReply } from '../desk/access-policy';
import { DeskError } from '../desk/case-access';
import type { DeskUser } from '../desk/desk.types';
import { localDate } from '../local-time';
import type { AuditLog } from '../ports/audit-log.port';
import type { Clock } from '../ports/clock.port';
import type { CaseRecord, DeskStore } from '../ports/desk-store.port';
import type { HandoverStore, StoredHandover } from '../ports/handover-store.port';
import type { LetterRenderer } from '../ports/letter-renderer.port';
import type { PayloadMapper } from '../ports/payload-mapper.port';
import type { SubmissionDetail } from '../ports/submission-store.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import type { LoadedProfile } from '../profiles/profile.types';
import type { HandoverDocument } from './handover-document';
import { fieldsFromPayload, fieldsFromProfile, type TaskField } from './manual-task';
import type { HandoverView } from './routing.service';

export interface ManualTask {
  target: string;
  targetName: string;
  instructions: string;
  assignTo: string | null;
  fields: TaskField[];
}

interface ManualDeps {
  store: HandoverStore;
  desk: Pick<DeskStore, 'addEvent'>;
  profile(id: string): LoadedProfile | undefined;
  mapper: PayloadMapper;
  letters: LetterRenderer;
  municipality: { name: string; orgNumber: string | null };
  uow: UnitOfWork;
  audit: AuditLog;
  clock: Clock;
  timeZone?: string;
  handoverOf(user: DeskUser, publicId: string, target: string): Promise<{ h: StoredHandover; record: CaseRecord; submission: SubmissionDetail }>;
  view(h: StoredHandover, user: DeskUser): HandoverView;
  targetName(target: string): string;
  mappingOf(profile: LoadedProfile, target: string): Promise<{ body: string; version: number | null } | null>;
  documentOf(h: StoredHandover): Promise<{ document: HandoverDocument; loaded: LoadedProfile }>;
}

/**
 * Manual hand-over (#15 item 4): where a target has no interface, or is marked manual, a person
 * enters the application with the fields in front of them (and a summary PDF), and marks it done.
 * It counts on the timeline like an automatic hand-over.
 */
export function createManualHandovers(d: ManualDeps) {
  async function taskOf(user: DeskUser, publicId: string, target: string) {
    const { h, submission } = await d.handoverOf(user, publicId, target);
    if (!mayActOnReply(user)) throw new DeskError('forbidden', 'Bare saksbehandlere og ledere kan overføre søknader manuelt.');
    if (h.status !== 'manual' && h.status !== 'done') throw new DeskError('conflict', 'Overføringen er ikke en manuell oppgave.');
    const { document, loaded } = await d.documentOf(h);
    const profile = loaded.profile;
    // as the desk marks a screened service: one only a group may see
    const screened = !!profile.access.group;
    // the mapping's output in its order, as the interface would have taken it; the profile's fields otherwise
    const mapping = await d.mappingOf(loaded, target);
    const r = mapping ? await d.mapper.run(mapping.body, { format: 'json', schema: null }, document) : null;
    const fields = r?.ok ? fieldsFromPayload(r.payload, profile, submission.form, screened) : fieldsFromProfile(profile, submission.form, screened);
    const name = d.targetName(target);
    const task: ManualTask = {
      target,
      targetName: name,
      instructions: profile.routing.manualTask?.instructions ?? `Registrer søknaden i ${name}, og før inn referansen ${name} gir den.`,
      assignTo: profile.routing.manualTask?.assignTo ?? null,
      fields,
    };
    return { h, task, caseNumber: document.case.number };
  }

  /** The task with the values in clear, for whoever may see the case: audited. */
  async function task(user: DeskUser, publicId: string, target: string): Promise<ManualTask> {
    const { h, task } = await taskOf(user, publicId, target);
    await d.uow.run(() => d.audit.append({ actor: user.account, action: 'routing.task-read', subject: `handover:${h.key}`, details: { target } }, d.clock.now()));
    return task;
  }

  /** A summary of the application to enter by hand, as PDF: the task's instructions and every field. */
  async function summaryPdf(user: DeskUser, publicId: string, target: string): Promise<{ bytes: Uint8Array; pages: number }> {
    const { h, task, caseNumber } = await taskOf(user, publicId, target);
    const now = d.clock.now();
    const fields = task.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
    const pdf = await d.letters.render({
      municipality: { ...d.municipality, unit: null },
      recipient: { name: task.targetName, street: null, postalCode: null, postalPlace: null },
      caseNumber,
      date: localDate(now, d.timeZone),
      title: `Overføring til ${task.targetName}`,
      body: [task.instructions, fields || 'Søknaden har ingen utfylte felt.'].join('\n\n'),
      caseworker: { name: user.name, unit: user.unit ?? null },
      language: 'nb',
    });
    await d.uow.run(() => d.audit.append({ actor: user.account, action: 'routing.summary-read', subject: `handover:${h.key}`, details: { target } }, now));
    return pdf;
  }

  /** The person has entered it in the target: done, on the timeline with their name and the target's reference. */
  async function complete(user: DeskUser, publicId: string, target: string, reference?: string): Promise<HandoverView> {
    const { h } = await d.handoverOf(user, publicId, target);
    if (!mayActOnReply(user)) throw new DeskError('forbidden', 'Bare saksbehandlere og ledere kan overføre søknader manuelt.');
    const ref = reference?.trim() || null;
    const now = d.clock.now();
    const name = d.targetName(target);
    await d.uow.run(async () => {
      const fresh = await d.store.lock(h.key);
      if (fresh?.status !== 'manual') throw new DeskError('conflict', 'Overføringen er ikke en åpen manuell oppgave.');
      await d.store.update(h.key, { status: 'done', doneBy: user.account, reference: ref, deliveredAt: now }, now);
      await d.desk.addEvent(h.submissionId, { kind: 'routed', at: now, actor: user.name, text: ref ? `${name} (manuelt): ${ref}` : `${name} (manuelt)` });
      await d.audit.append({ actor: user.account, action: 'routing.manual-done', subject: `handover:${h.key}`, details: { target, reference: ref } }, now);
    });
    return d.view((await d.store.byKey(h.key))!, user);
  }

  return { task, summaryPdf, complete };
}
