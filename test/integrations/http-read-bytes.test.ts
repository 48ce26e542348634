import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBytes } from '../../integrations/shared/http';

// #12 item 16: a download is cut at its limit while it streams, not after the whole body sits in memory.
let server: http.Server;
let base = '';
let endlessClosed = false;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/endless') {
      // chunked, no Content-Length, never ends on its own: only the client's cancel stops it
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const pump = () => {
        while (res.write(chunk));
      };
      res.on('drain', pump);
      res.on('close', () => (endlessClosed = true));
      pump();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(Buffer.from([1, 2, 3, 4, 5]));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('readBytes', () => {
  it('returns the body as bytes when it fits', async () => {
    const bytes = await readBytes(await fetch(`${base}/small`), 'test', 'test', 5);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes]).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses one byte over the limit', async () => {
    await expect(readBytes(await fetch(`${base}/small`), 'test', 'test', 4)).rejects.toMatchObject({ kind: 'permanent' });
  });

  it('stops an endless body without Content-Length at the limit and closes the connection', async () => {
    const before = process.memoryUsage().arrayBuffers;
    await expect(readBytes(await fetch(`${base}/endless`), 'Altinn Storage: dataelement', 'altinn3', 1024 * 1024)).rejects.toThrow(/over grensen på 1048576 byte/);
    // nothing near the whole stream was kept: well under 64 MB more in buffers than before
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
    await expect.poll(() => endlessClosed, { timeout: 5_000 }).toBe(true);
  });
});
