import net from 'node:net';
import path from 'node:path';
import { createMemorySecretStore } from '../../../electron/app/secrets/memory-secret-store';
import type { ProbeResult } from '../../../electron/core/ports/connection-probe.port';
import type { ProbeDeps } from '../../../integrations';

export const RESOURCES = path.resolve(__dirname, '../../../resources');

/** A port on 127.0.0.1 nobody listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export const deps = (secrets: Record<string, string>, over: Partial<ProbeDeps> = {}): ProbeDeps => ({
  secrets: createMemorySecretStore(secrets),
  resourcesDir: RESOURCES,
  timeoutMs: 3_000,
  ...over,
});

/** The steps as "name: ok|FAIL" lines, for whole-chain assertions. */
export const outline = (r: ProbeResult): string[] => r.steps.map((s) => `${s.step}: ${s.ok ? 'ok' : 'FAIL'}`);

export const lastDetail = (r: ProbeResult): string => r.steps.at(-1)?.detail ?? '';

/** A URL with its port replaced (the service moved, or the config points wrong). */
export const withPort = (url: string, port: number): string => {
  const u = new URL(url);
  u.port = String(port);
  return u.href.replace(/\/$/, url.endsWith('/') ? '/' : '');
};
