import type { TFunction } from 'i18next';
import type { SubmissionDetail, SubmissionSummary } from '../../../electron/ipc/contract';

type Source = SubmissionSummary['sources'][number];
type PartRole = SubmissionDetail['parts'][number]['role'];

/** "Altinn 3", "Altinn 2", or "Altinn 2 og 3" when the same item came through both. */
export function sourcesLabel(t: TFunction, sources: readonly Source[]): string {
  const unique = [...new Set(sources)];
  if (unique.length === 0) return t('common.empty');
  const label = unique.length > 1 ? t('sources.both') : t(`sources.${unique[0]!}`);
  return keepNumbersAttached(label);
}

/** A narrow table column must not break "Altinn 3" into "Altinn" / "3". */
const keepNumbersAttached = (text: string): string => text.replace(/ (\d)/g, '\u00a0$1');

const ROLES = {
  form: 'submission.parts.roles.form',
  'receipt-pdf': 'submission.parts.roles.receiptPdf',
  attachment: 'submission.parts.roles.attachment',
} as const;

export const partRoleLabel = (t: TFunction, role: PartRole): string => t(ROLES[role]);

/** The title people see; submissions whose form could not be read have none. */
export const submissionTitle = (t: TFunction, s: Pick<SubmissionSummary, 'title'>): string =>
  s.title?.trim() || t('inbox.untitled');

/** Cuts long text at a word boundary, for one-line hints in tables. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()} …`;
}
