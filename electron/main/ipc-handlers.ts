import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { ERROR_CODES, IPC_EVENT, IPC_INVOKE, type HubResult } from '../ipc';
import { isAppUrl } from './security';
import type { Logger } from '../app/host-types';
import type { HubLike } from './host.types';

const forbidden: HubResult<never> = {
  ok: false,
  error: { code: ERROR_CODES.forbidden, message: 'Forespørselen ble avvist: den kom ikke fra Postmottak-vinduet.' },
};
const badChannel: HubResult<never> = {
  ok: false,
  error: { code: ERROR_CODES.unknownChannel, message: 'Ugyldig kanal: kanalnavnet må være tekst.' },
};
const internal: HubResult<never> = {
  ok: false,
  error: { code: ERROR_CODES.internal, message: 'Noe gikk galt i Postmottak. Feilen er logget.' },
};

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/**
 * The renderer is untrusted, and so is any other frame that might reach the preload: only
 * the top frame of one of our windows, showing the app's own page, may call the hub.
 */
export function createSenderGuard(opts: {
  appUrl: string;
  ownsWebContents: (wc: WebContents) => boolean;
}): (event: SenderEvent) => boolean {
  return (event) => {
    if (!opts.ownsWebContents(event.sender)) return false;
    const frame = event.senderFrame;
    if (!frame || frame.parent) return false;
    return isAppUrl(frame.url, opts.appUrl);
  };
}

export interface IpcHandlerDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  hub: Pick<HubLike, 'invoke'>;
  isTrustedSender: (event: SenderEvent) => boolean;
  logger?: Logger;
}

const isHubResult = (r: unknown): r is HubResult<unknown> =>
  !!r && typeof r === 'object' && typeof (r as { ok?: unknown }).ok === 'boolean';

/** Resolves to data in every case: a rejection would surface as an opaque Error in the renderer. */
export async function handleInvoke(deps: IpcHandlerDeps, event: SenderEvent, channel: unknown, input: unknown): Promise<HubResult<unknown>> {
  let trusted = false;
  try {
    trusted = deps.isTrustedSender(event);
  } catch {
    // senderFrame can throw once the frame is gone: treat as untrusted.
  }
  if (!trusted) {
    deps.logger?.log('warn', 'ipc call from untrusted sender refused');
    return forbidden;
  }
  if (typeof channel !== 'string') return badChannel;
  try {
    const result = await deps.hub.invoke(channel, input);
    if (isHubResult(result)) return result;
    deps.logger?.log('error', 'hub returned a non-result', { channel: channel.slice(0, 80) });
  } catch (e) {
    deps.logger?.log('error', 'hub invoke threw', { channel: channel.slice(0, 80), error: e instanceof Error ? e.name : typeof e });
  }
  return internal;
}

/** Registers the one invoke channel; returns the unregister function. */
export function registerIpcHandlers(deps: IpcHandlerDeps): () => void {
  deps.ipcMain.handle(IPC_INVOKE, (event, channel: unknown, input: unknown) => handleInvoke(deps, event, channel, input));
  return () => deps.ipcMain.removeHandler(IPC_INVOKE);
}

type EventTarget = Pick<WebContents, 'send' | 'isDestroyed'>;

/** Pushes every hub event to our windows; one broken window must not starve the others. */
export function forwardHubEvents(hub: Pick<HubLike, 'onEvent'>, targets: () => Iterable<EventTarget>, logger?: Logger): () => void {
  return hub.onEvent((name, payload) => {
    for (const wc of targets()) {
      try {
        if (!wc.isDestroyed()) wc.send(IPC_EVENT, name, payload);
      } catch (e) {
        logger?.log('warn', 'event not delivered', { event: name, error: e instanceof Error ? e.name : typeof e });
      }
    }
  });
}
