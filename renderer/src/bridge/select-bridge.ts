import type { Bridge } from './bridge';
import { createElectronBridge } from './electron-bridge';
import { createHttpBridge, readTokenMeta } from './http-bridge';

export type BridgeSelection = { kind: 'electron' | 'http'; bridge: Bridge } | { kind: 'none' };

/** Electron preload first, then the headless host's token; otherwise the UI was opened on its own. */
export function selectBridge(win: Window = window): BridgeSelection {
  if (win.postmottak && typeof win.postmottak.invoke === 'function') {
    return { kind: 'electron', bridge: createElectronBridge(win.postmottak) };
  }
  const token = readTokenMeta(win.document);
  if (token) return { kind: 'http', bridge: createHttpBridge({ token }) };
  return { kind: 'none' };
}
