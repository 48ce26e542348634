import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

/** Stops a child process the test started (SIGTERM) and waits until it has exited. */
export const stopProcess = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null ? r() : (c.once('exit', () => r()), c.kill('SIGTERM'))));

/** A loopback port nobody listens on right now, for a simulator that must come back on the same port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}
