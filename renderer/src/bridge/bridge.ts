import type { ChannelName, ChannelOutput, EventName, EventPayload } from '../../../electron/ipc/contract';
import type { HubApi } from '../../../electron/ipc/hub-api';
import type { AppError, HubResult } from '../../../electron/ipc/result';

/** What every screen talks to: the HubApi of the contract, whichever host serves it. */
export type Bridge = HubApi;

export type { AppError, ChannelName, ChannelOutput, EventName, EventPayload, HubResult };

/** Codes the renderer itself produces (the hub's own codes pass through untouched). */
export const BRIDGE_ERROR = {
  unreachable: 'unreachable',
  badResponse: 'bad-response',
  ipcFailed: 'ipc-failed',
  internal: 'internal',
} as const;

export const ok = <T>(value: T): HubResult<T> => ({ ok: true, value });

export const fail = (code: string, message: string): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message },
});

/** Loose shape check: a host is another process, so never trust what comes back. */
export function isHubResult(value: unknown): value is HubResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; value?: unknown; error?: unknown };
  if (v.ok === true) return 'value' in v;
  if (v.ok !== false || typeof v.error !== 'object' || v.error === null) return false;
  const e = v.error as { code?: unknown; message?: unknown };
  return typeof e.code === 'string' && typeof e.message === 'string';
}
