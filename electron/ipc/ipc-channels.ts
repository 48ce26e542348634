/** The only two Electron IPC channels: one for invoke, one for events. */
export const IPC_INVOKE = 'postmottak:invoke';
export const IPC_EVENT = 'postmottak:event';

/** HTTP bridge paths and header of the headless host. */
export const HTTP_INVOKE_PATH = '/api/invoke';
export const HTTP_EVENTS_PATH = '/api/events';
export const HTTP_TOKEN_HEADER = 'x-postmottak-token';
/** POST {code} trades the launch code (from the link's fragment) for a session token; GET checks one. */
export const HTTP_SESSION_PATH = '/api/session';
/** Up or down, without the token and without data (for monitoring). */
export const HTTP_HEALTH_PATH = '/healthz';
/** The launch link's fragment: `#launch=<code>`. */
export const LAUNCH_FRAGMENT_KEY = 'launch';
