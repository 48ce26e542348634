import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMain, WebContents } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type EventName, type HubResult } from '../../electron/ipc';
import {
  createSenderGuard,
  forwardHubEvents,
  handleInvoke,
  registerIpcHandlers,
  type IpcHandlerDeps,
} from '../../electron/main/ipc-handlers';
import { fake, FakeWebContents, FakeWebFrame } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const APP = 'file:///opt/Postmottak/out/renderer/index.html';

beforeEach(() => fake.reset());

/** One of "our" windows' web contents, its top frame showing the app. */
function ours(url = `${APP}#/`) {
  const wc = new FakeWebContents();
  wc.mainFrame = new FakeWebFrame(url);
  return wc;
}
const eventFrom = (wc: FakeWebContents, frame: FakeWebFrame | null = wc.mainFrame) =>
  ({ sender: wc, senderFrame: frame }) as unknown as Parameters<typeof handleInvoke>[1];

function setup(invoke: (channel: string, input: unknown) => Promise<HubResult<unknown>> = async () => ({ ok: true, value: 42 })) {
  const own = ours();
  const hub = { invoke: vi.fn(invoke) };
  const logger = { log: vi.fn() };
  const deps: IpcHandlerDeps = {
    ipcMain: fake.ipcMain as unknown as IpcMain,
    hub,
    isTrustedSender: createSenderGuard({ appUrl: APP, ownsWebContents: (wc) => wc === (own as unknown as WebContents) }),
    logger,
  };
  return { own, hub, deps, logger };
}

describe('sender guard', () => {
  it('trusts only the top frame of our own window on the app page', () => {
    const { own, deps } = setup();
    expect(deps.isTrustedSender(eventFrom(own))).toBe(true);
    // a foreign page that got loaded in our window
    expect(deps.isTrustedSender(eventFrom(own, new FakeWebFrame('https://evil.example/')))).toBe(false);
    // an iframe inside our page, even one on the app URL
    expect(deps.isTrustedSender(eventFrom(own, new FakeWebFrame(APP, own.mainFrame)))).toBe(false);
    // frame gone
    expect(deps.isTrustedSender(eventFrom(own, null))).toBe(false);
    // the app URL in some web contents we did not create
    expect(deps.isTrustedSender(eventFrom(ours()))).toBe(false);
  });
});

describe('handleInvoke', () => {
  it('refuses a foreign sender frame without calling the hub', async () => {
    const { own, hub, deps } = setup();
    const r = await handleInvoke(deps, eventFrom(own, new FakeWebFrame('https://evil.example/')), 'system.status', {});
    expect(r).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    expect(hub.invoke).not.toHaveBeenCalled();
  });

  it('refuses when the guard itself throws (frame disposed)', async () => {
    const { own, hub, deps } = setup();
    const throwing = { ...deps, isTrustedSender: () => { throw new Error('Render frame was disposed'); } };
    expect(await handleInvoke(throwing, eventFrom(own), 'system.status', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(hub.invoke).not.toHaveBeenCalled();
  });

  it('refuses a non-string channel', async () => {
    const { own, hub, deps } = setup();
    for (const channel of [undefined, null, 42, { toString: () => 'system.status' }, ['system.status']]) {
      const r = await handleInvoke(deps, eventFrom(own), channel, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
    expect(hub.invoke).not.toHaveBeenCalled();
  });

  it('passes a valid call to the hub and returns its result unchanged', async () => {
    const result = { ok: false as const, error: { code: 'bad-input', message: 'Ugyldig forespørsel' } };
    const { own, hub, deps } = setup(async () => result);
    expect(await handleInvoke(deps, eventFrom(own), 'jobs.list', { limit: 5 })).toBe(result);
    expect(hub.invoke).toHaveBeenCalledWith('jobs.list', { limit: 5 });
  });

  it('turns a throwing or rejecting hub into {ok:false}', async () => {
    const { own, deps, logger } = setup(async () => {
      throw new Error('boom with 12345678901 inside');
    });
    expect(await handleInvoke(deps, eventFrom(own), 'system.status', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: expect.any(String) },
    });
    // the error text itself is not logged from here (it may carry personal data)
    expect(JSON.stringify(logger.log.mock.calls)).not.toContain('12345678901');

    const sync = { ...deps, hub: { invoke: () => { throw new TypeError('sync'); } } };
    expect(await handleInvoke(sync, eventFrom(own), 'system.status', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('turns a malformed hub answer into {ok:false}', async () => {
    const { own, deps } = setup(async () => undefined as unknown as HubResult<unknown>);
    expect(await handleInvoke(deps, eventFrom(own), 'system.status', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('registerIpcHandlers', () => {
  it('handles the one invoke channel and can be removed', async () => {
    const { own, deps } = setup();
    const dispose = registerIpcHandlers(deps);
    expect(fake.ipcMain.handle).toHaveBeenCalledTimes(1);
    const [channel, handler] = fake.ipcMain.handle.mock.calls[0] as [string, (...a: unknown[]) => Promise<unknown>];
    expect(channel).toBe(IPC_INVOKE);
    await expect(handler(eventFrom(own), 'system.status', {})).resolves.toEqual({ ok: true, value: 42 });
    await expect(handler(eventFrom(ours()), 'system.status', {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    dispose();
    expect(fake.ipcMain.removeHandler).toHaveBeenCalledWith(IPC_INVOKE);
  });
});

describe('forwardHubEvents', () => {
  function fakeHub() {
    let listener: ((name: EventName, payload: unknown) => void) | undefined;
    const unsubscribe = vi.fn();
    return {
      onEvent: vi.fn((l: (name: EventName, payload: unknown) => void) => {
        listener = l;
        return unsubscribe;
      }),
      emit: (name: EventName, payload: unknown) => listener?.(name, payload),
      unsubscribe,
    };
  }

  it('sends every hub event to every live window', () => {
    const hub = fakeHub();
    const [a, b, dead] = [ours(), ours(), ours()];
    dead.destroyed = true;
    const stop = forwardHubEvents(hub, () => [a, b, dead]);
    hub.emit('job.updated', { id: 1, type: 'store.backup', status: 'done' });
    for (const wc of [a, b]) expect(wc.send).toHaveBeenCalledWith(IPC_EVENT, 'job.updated', { id: 1, type: 'store.backup', status: 'done' });
    expect(dead.send).not.toHaveBeenCalled();
    stop();
    expect(hub.unsubscribe).toHaveBeenCalled();
  });

  it('keeps delivering when one window throws', () => {
    const hub = fakeHub();
    const [a, b] = [ours(), ours()];
    a.send.mockImplementation(() => {
      throw new Error('Object has been destroyed');
    });
    const logger = { log: vi.fn() };
    forwardHubEvents(hub, () => [a, b], logger);
    expect(() => hub.emit('status.changed', { reason: 'x' })).not.toThrow();
    expect(b.send).toHaveBeenCalledWith(IPC_EVENT, 'status.changed', { reason: 'x' });
    expect(logger.log).toHaveBeenCalledWith('warn', 'event not delivered', { event: 'status.changed', error: 'Error' });
  });
});
