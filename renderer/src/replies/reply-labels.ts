import type { TFunction } from 'i18next';
import type { ReplyRow, ReplyState } from '../../../electron/ipc/replies.contract';

/**
 * The reply value lists, kept in step with electron/ipc/replies.contract.ts (the renderer may
 * import only types from there); `satisfies` makes a typo a compile error.
 */
export const REPLY_STATE_LIST = ['queued', 'sent', 'notified', 'read', 'held', 'stopped', 'printing', 'printed', 'manual', 'failed'] as const satisfies readonly ReplyState[];

/** The filter chips on the Svar screen, in the order a case worker reads them; 'due-soon' is a view, not a state. */
export const REPLY_FILTERS = ['all', 'sent', 'notified', 'read', 'due-soon', 'printed', 'held', 'stopped', 'manual', 'failed', 'queued', 'printing'] as const;
export type ReplyFilter = (typeof REPLY_FILTERS)[number];
/** "Til utskrift innen 3 dager", as the hub counts dueSoon. */
export const DUE_SOON_DAYS = 3;

const STATE_KEYS = {
  queued: 'replyState.queued',
  sent: 'replyState.sent',
  notified: 'replyState.notified',
  read: 'replyState.read',
  held: 'replyState.held',
  stopped: 'replyState.stopped',
  printing: 'replyState.printing',
  printed: 'replyState.printed',
  manual: 'replyState.manual',
  failed: 'replyState.failed',
} as const satisfies Record<ReplyState, string>;

export const replyStateLabel = (t: TFunction, state: ReplyState): string => t(STATE_KEYS[state]);

export const replyFilterLabel = (t: TFunction, filter: ReplyFilter): string =>
  filter === 'all' ? t('replies.filters.all') : filter === 'due-soon' ? t('replies.filters.dueSoon') : replyStateLabel(t, filter);

const CHANNEL_KEYS = {
  altinn3: 'replyChannel.altinn3',
  altinn2: 'replyChannel.altinn2',
  print: 'replyChannel.print',
} as const satisfies Record<ReplyRow['channel'], string>;

export const replyChannelLabel = (t: TFunction, channel: ReplyRow['channel']): string => t(CHANNEL_KEYS[channel]);

/** Unread and not yet on paper: the print deadline still matters. */
export const awaitsPrint = (reply: Pick<ReplyRow, 'state'>): boolean => reply.state === 'queued' || reply.state === 'sent' || reply.state === 'notified';
