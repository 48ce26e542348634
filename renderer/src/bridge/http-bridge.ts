import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from '../../../electron/ipc/contract';
import { HTTP_EVENTS_PATH, HTTP_INVOKE_PATH, HTTP_TOKEN_HEADER } from '../../../electron/ipc/ipc-channels';
import type { HubResult } from '../../../electron/ipc/result';
import { BRIDGE_ERROR, type Bridge, fail, isHubResult } from './bridge';
import { readSseStream } from './sse-parser';

export interface HttpBridgeOptions {
  /** The session token traded from the launch link (renderer/src/bridge/http-session.ts). */
  token: string;
  /** Origin prefix; '' means the page's own origin (the headless host serves both). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Reconnect backoff for the event stream. */
  retryInitialMs?: number;
  retryMaxMs?: number;
}

export interface HttpBridge extends Bridge {
  /** Stops the event stream for good (tests, page teardown). */
  close(): void;
}

function httpErrorMessage(status: number, body: unknown): string {
  const base =
    status === 401 || status === 403
      ? 'Postmottak avviste forespørselen (ugyldig tilgangsnøkkel). Åpne siden på nytt fra Postmottak.'
      : status >= 500
        ? `Det oppstod en feil i Postmottak (HTTP ${status}).`
        : `Postmottak svarte med en feil (HTTP ${status}).`;
  return isHubResult(body) && !body.ok ? `${base} ${body.error.message}` : base;
}

export function createHttpBridge(options: HttpBridgeOptions): HttpBridge {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const retryInitialMs = options.retryInitialMs ?? 500;
  const retryMaxMs = options.retryMaxMs ?? 30_000;
  const headers = { [HTTP_TOKEN_HEADER]: options.token };

  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let streaming = false;
  let closed = false;
  let abort: AbortController | null = null;
  let wake: (() => void) | null = null;

  const dispatch = (event: string, payload: unknown): void => {
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        console.error('Postmottak: event listener failed', error);
      }
    }
  };

  const onMessage = ({ event, data }: { event: string; data: string }): void => {
    if (!listeners.get(event)?.size) return;
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return; // a malformed event must not take the stream down
    }
    dispatch(event, payload);
  };

  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function streamLoop(): Promise<void> {
    let delay = retryInitialMs;
    let connectedBefore = false;
    while (!closed) {
      abort = new AbortController();
      try {
        const response = await doFetch(baseUrl + HTTP_EVENTS_PATH, {
          headers: { ...headers, accept: 'text/event-stream' },
          cache: 'no-store',
          signal: abort.signal,
        });
        if (response.ok && response.body) {
          // Events may have been missed while disconnected: tell the screens to refetch.
          if (connectedBefore) dispatch('status.changed', { reason: 'reconnected' });
          connectedBefore = true;
          delay = retryInitialMs;
          await readSseStream(response.body, onMessage);
        }
      } catch {
        // network error or abort: fall through to the backoff
      }
      if (closed) break;
      await pause(delay);
      delay = Math.min(delay * 2, retryMaxMs);
    }
  }

  return {
    async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<HubResult<ChannelOutput<C>>> {
      let response: Response;
      try {
        response = await doFetch(baseUrl + HTTP_INVOKE_PATH, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ channel, input }),
          cache: 'no-store',
        });
      } catch {
        return fail(
          BRIDGE_ERROR.unreachable,
          'Får ikke kontakt med Postmottak. Kontroller at programmet kjører, og prøv igjen.',
        );
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        body = undefined;
      }
      if (!response.ok) return fail(`http-${response.status}`, httpErrorMessage(response.status, body));
      if (!isHubResult(body)) return fail(BRIDGE_ERROR.badResponse, 'Postmottak sendte et svar som ikke kunne leses.');
      return body as HubResult<ChannelOutput<C>>;
    },

    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      // One shared stream, opened on first use and kept for the life of the page.
      if (!streaming && !closed) {
        streaming = true;
        void streamLoop();
      }
      return () => {
        set.delete(wrapped);
      };
    },

    close(): void {
      closed = true;
      abort?.abort();
      wake?.();
      listeners.clear();
    },
  };
}
