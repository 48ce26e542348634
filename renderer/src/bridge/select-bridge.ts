import type { Bridge } from './bridge';
import { createElectronBridge } from './electron-bridge';
import { createHttpBridge } from './http-bridge';
import { establishHttpSession, type SessionProblem } from './http-session';

export type BridgeSelection = { kind: 'electron' | 'http'; bridge: Bridge } | { kind: 'session'; problem: SessionProblem } | { kind: 'none' };

/**
 * Electron preload first; then, when served over http(s) by the headless host, a session
 * traded from the launch link; otherwise the UI was opened on its own (a file).
 */
export async function selectBridge(win: Window = window, doFetch?: typeof fetch): Promise<BridgeSelection> {
  if (win.postmottak && typeof win.postmottak.invoke === 'function') {
    return { kind: 'electron', bridge: createElectronBridge(win.postmottak) };
  }
  if (!/^https?:$/.test(win.location.protocol)) return { kind: 'none' };
  const session = await establishHttpSession(win, doFetch);
  if (!session.ok) return { kind: 'session', problem: session.problem };
  return { kind: 'http', bridge: createHttpBridge({ token: session.token, ...(doFetch ? { fetch: doFetch } : {}) }) };
}
