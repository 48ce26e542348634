import { HTTP_SESSION_PATH, HTTP_TOKEN_HEADER, LAUNCH_FRAGMENT_KEY } from '../../../electron/ipc/ipc-channels';

/** Why the page has no session: the link was used before, none was given (a bookmark), or the host is gone. */
export type SessionProblem = 'used' | 'missing' | 'unreachable';
export type SessionResult = { ok: true; token: string } | { ok: false; problem: SessionProblem };

/** Per tab: a reload keeps the session, a new tab or a bookmark needs a new link. Never a cookie, never localStorage. */
export const SESSION_STORAGE_KEY = 'postmottak.session';
const CODE = new RegExp(`^#${LAUNCH_FRAGMENT_KEY}=([A-Za-z0-9_-]{16,128})$`);

function storage(win: Window): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * The headless host's launch: the one-time code comes in the link's fragment (which no server
 * sees), is removed from the address bar at once, and is traded by a POST for a session token
 * kept in this tab's sessionStorage. A token from an earlier load of the tab is checked first.
 */
export async function establishHttpSession(win: Window = window, doFetch: typeof fetch = (i, init) => globalThis.fetch(i, init)): Promise<SessionResult> {
  const store = storage(win);
  const code = CODE.exec(win.location.hash)?.[1];
  if (win.location.hash.startsWith(`#${LAUNCH_FRAGMENT_KEY}=`)) {
    // never left in history, a bookmark or a screenshot
    win.history.replaceState(null, '', `${win.location.pathname}${win.location.search}#/`);
  }
  try {
    if (code) {
      const r = await doFetch(HTTP_SESSION_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ code }),
        cache: 'no-store',
      });
      const body = (await r.json().catch(() => null)) as { ok?: boolean; value?: { token?: unknown } } | null;
      const token = r.ok && body?.ok ? body.value?.token : undefined;
      if (typeof token !== 'string' || !token) return { ok: false, problem: 'used' };
      store?.setItem(SESSION_STORAGE_KEY, token);
      return { ok: true, token };
    }
    const saved = store?.getItem(SESSION_STORAGE_KEY);
    if (!saved) return { ok: false, problem: 'missing' };
    const r = await doFetch(HTTP_SESSION_PATH, { headers: { [HTTP_TOKEN_HEADER]: saved, accept: 'application/json' }, cache: 'no-store' });
    if (r.ok) return { ok: true, token: saved };
    store?.removeItem(SESSION_STORAGE_KEY);
    return { ok: false, problem: 'used' };
  } catch {
    return { ok: false, problem: 'unreachable' };
  }
}
