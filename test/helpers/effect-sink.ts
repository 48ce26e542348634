import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A target system on 127.0.0.1 that honours idempotency keys the way Altinn and the
 * archive adapters will: a repeated key is acknowledged (409) and has no second effect.
 */
export async function startEffectSink() {
  /** Deliveries per key, repeats included. */
  const received = new Map<string, number>();
  /** The effects applied: one per distinct key, with the body that made it. */
  const effects = new Map<string, unknown>();
  let calls = 0;
  const waiters: { at: number; resolve: () => void }[] = [];
  const server = http.createServer((req, res) => {
    const key = String(req.headers['idempotency-key'] ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls++;
      received.set(key, (received.get(key) ?? 0) + 1);
      const repeat = effects.has(key);
      if (!repeat) effects.set(key, JSON.parse(Buffer.concat(chunks).toString() || 'null'));
      res.writeHead(repeat ? 409 : 200).end();
      for (const w of waiters.filter((x) => calls >= x.at)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get calls() {
      return calls;
    },
    received,
    effects,
    /** Resolves when the sink has received at least n calls in all. */
    callsReached: (n: number) => new Promise<void>((resolve) => (calls >= n ? resolve() : waiters.push({ at: n, resolve }))),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
