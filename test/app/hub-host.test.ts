import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../electron/app/config/load-config';
import type { AppConfig } from '../../electron/app/config/config.schema';
import { createHubHost } from '../../electron/app/hub-host';

/** A hub that answers with the config it was made on, and records its life, so the swap's order shows. */
function fakeHubs(o: { failOn?: (c: AppConfig) => boolean; failStartOn?: (c: AppConfig) => boolean } = {}) {
  const log: string[] = [];
  const live = new Set<number>();
  let n = 0;
  const create = async (config: AppConfig) => {
    const id = ++n;
    const tz = config.timezone;
    log.push(`create ${id} ${tz}`);
    if (o.failOn?.(config)) throw new Error(`hemmeligheten finnes ikke (${tz})`);
    // one store, one runner: a second live hub is the bug the ordering prevents
    if (live.size > 0) throw new Error(`two hubs live: ${[...live].join(',')} and ${id}`);
    live.add(id);
    const listeners = new Set<(name: string, payload: unknown) => void>();
    let stopGate: Promise<void> = Promise.resolve();
    return {
      id,
      invoke: async (channel: unknown) => ({ ok: true as const, value: `${String(channel)}@${id}:${tz}` }),
      onEvent(l: (name: string, payload: unknown) => void) {
        listeners.add(l);
        return () => void listeners.delete(l);
      },
      emit: (name: string) => listeners.forEach((l) => l(name, { from: id })),
      start: async () => {
        log.push(`start ${id}`);
        if (o.failStartOn?.(config)) throw new Error(`kunne ikke starte (${tz})`);
      },
      async stop() {
        await stopGate;
        live.delete(id);
        log.push(`stop ${id}`);
      },
      holdStop(p: Promise<void>) {
        stopGate = p;
      },
      metrics: async () => `metrics@${id}`,
    };
  };
  return { create, log, live };
}

const cfg = (timezone: string) => parseConfig({ version: 1, timezone });

describe('hub host (reload without restart)', () => {
  it('stops the old hub before creating the new one, and answers from the new one after', async () => {
    const f = fakeHubs();
    const host = await createHubHost({ config: cfg('Europe/Oslo'), create: f.create });
    await host.start();
    expect(await host.invoke('x', {})).toEqual({ ok: true, value: 'x@1:Europe/Oslo' });
    await host.reload(cfg('UTC'));
    expect(f.log).toEqual(['create 1 Europe/Oslo', 'start 1', 'stop 1', 'create 2 UTC', 'start 2']);
    expect(await host.invoke('x', {})).toEqual({ ok: true, value: 'x@2:UTC' });
    expect(host.config().timezone).toBe('UTC');
    // forwarded functions reach the hub in force
    expect(await host.metrics()).toBe('metrics@2');
    await host.stop();
    expect(f.live.size).toBe(0);
  });

  it('keeps event listeners across the swap, and the old hub’s events no longer arrive', async () => {
    const f = fakeHubs();
    const host = await createHubHost({ config: cfg('Europe/Oslo'), create: f.create });
    const seen: unknown[] = [];
    host.onEvent((name, payload) => seen.push([name, payload]));
    const first = host.current() as Awaited<ReturnType<typeof f.create>>;
    first.emit('job.updated');
    await host.reload(cfg('UTC'));
    first.emit('job.updated');
    (host.current() as Awaited<ReturnType<typeof f.create>>).emit('status.changed');
    expect(seen).toEqual([
      ['job.updated', { from: 1 }],
      ['status.changed', { from: 2 }],
    ]);
  });

  it('makes requests that arrive during the swap wait for the new hub', async () => {
    const f = fakeHubs();
    const host = await createHubHost({ config: cfg('Europe/Oslo'), create: f.create });
    let release!: () => void;
    (host.current() as Awaited<ReturnType<typeof f.create>>).holdStop(new Promise<void>((r) => (release = r)));
    const reloading = host.reload(cfg('UTC'));
    const during = host.invoke('während', {});
    let answered = false;
    void during.then(() => (answered = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false);
    release();
    await reloading;
    expect(await during).toEqual({ ok: true, value: 'während@2:UTC' });
  });

  it('goes back to the previous config when the new one fails to start, and reports the error', async () => {
    const f = fakeHubs({ failOn: (c) => c.timezone === 'Mars/Olympus' });
    const host = await createHubHost({ config: cfg('Europe/Oslo'), create: f.create });
    await expect(host.reload(cfg('Mars/Olympus'))).rejects.toThrow('hemmeligheten finnes ikke (Mars/Olympus)');
    expect(f.log).toEqual(['create 1 Europe/Oslo', 'stop 1', 'create 2 Mars/Olympus', 'create 3 Europe/Oslo', 'start 3']);
    expect(await host.invoke('x', {})).toEqual({ ok: true, value: 'x@3:Europe/Oslo' });
    expect(host.config().timezone).toBe('Europe/Oslo');
    // and a later good reload still works
    await host.reload(cfg('UTC'));
    expect(await host.invoke('x', {})).toEqual({ ok: true, value: 'x@4:UTC' });
  });

  it('stops a hub that was made but failed to start before it builds the previous one again: never two on one store', async () => {
    const f = fakeHubs({ failStartOn: (c) => c.timezone === 'Mars/Olympus' });
    const host = await createHubHost({ config: cfg('Europe/Oslo'), create: f.create });
    await expect(host.reload(cfg('Mars/Olympus'))).rejects.toThrow('kunne ikke starte (Mars/Olympus)');
    // without the stop of hub 2, creating hub 3 throws "two hubs live"
    expect(f.log).toEqual(['create 1 Europe/Oslo', 'stop 1', 'create 2 Mars/Olympus', 'start 2', 'stop 2', 'create 3 Europe/Oslo', 'start 3']);
    expect([...f.live]).toEqual([3]);
    expect(await host.invoke('x', {})).toEqual({ ok: true, value: 'x@3:Europe/Oslo' });
  });

  it('reports the new config’s error even when the previous one then fails too', async () => {
    let previousBreaks = false;
    const f = fakeHubs({ failOn: (c) => c.timezone === 'Mars/Olympus' || (previousBreaks && c.timezone === 'Europe/Oslo') });
    const host = await createHubHost({ config: cfg('Europe/Oslo'), create: f.create });
    previousBreaks = true;
    await expect(host.reload(cfg('Mars/Olympus'))).rejects.toThrow('hemmeligheten finnes ikke (Mars/Olympus)');
  });

  it('hands the hub its reload, so the hub’s own screen can put a saved config in force', async () => {
    const f = fakeHubs();
    let given: ((c: AppConfig) => Promise<void>) | undefined;
    const host = await createHubHost({
      config: cfg('Europe/Oslo'),
      create: async (c, reload) => {
        given = reload;
        return f.create(c);
      },
    });
    await given!(cfg('UTC'));
    expect(await host.invoke('x', {})).toEqual({ ok: true, value: 'x@2:UTC' });
  });
});
