import type http from 'node:http';
import { problem, type SimResponse } from './sim-response';

/** Every simulator's test-control routes (move the clock, mark read, reserve, ...) live under this prefix. */
export const SIM_CONTROL_PREFIX = '/_sim/';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const isOwn = (hostname: string, port: string, own: URL) => LOOPBACK.has(hostname) && port === own.port;

/** `application/json`, with or without parameters, and nothing else. */
const isJson = (value: string | undefined) => (value ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';

/**
 * The guard in front of every simulator control route (#12 item 14). The demo's simulators run
 * on 127.0.0.1 beside the user's browser, so a web page could otherwise move the demo's clock
 * (and print every unread reply) with a cross-site "simple" POST, or reach it by DNS rebinding:
 * - Host must be the simulator's own loopback address and port;
 * - an Origin, when the client sends one, must be the simulator itself, and a browser's
 *   `Sec-Fetch-Site: cross-site` without one is refused;
 * - anything but GET/HEAD must say `Content-Type: application/json`, which a cross-site page
 *   cannot send without a CORS preflight that the simulator never grants.
 * Returns the refusal, or null to let the request through.
 */
export function guardSimControl(req: http.IncomingMessage, origin: string): SimResponse | null {
  let own: URL;
  try {
    own = new URL(origin);
  } catch {
    return problem(403, 'Simulator control refused: unknown own address');
  }
  const host = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(req.headers.host ?? '');
  if (!host || !isOwn(host[1]!, host[2]!, own)) return problem(403, 'Simulator control refused: foreign Host');
  const from = req.headers.origin;
  if (from !== undefined) {
    let u: URL | null;
    try {
      u = new URL(from);
    } catch {
      u = null;
    }
    if (!u || !isOwn(u.hostname === '::1' ? '[::1]' : u.hostname, u.port, own)) return problem(403, 'Simulator control refused: foreign Origin');
  } else if (req.headers['sec-fetch-site'] === 'cross-site') {
    return problem(403, 'Simulator control refused: cross-site request');
  }
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD' && !isJson(req.headers['content-type'])) {
    return problem(415, 'Simulator control routes take Content-Type: application/json');
  }
  return null;
}
