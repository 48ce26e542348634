/** The only two Electron IPC channels: one for invoke, one for events. */
export const IPC_INVOKE = 'postmottak:invoke';
export const IPC_EVENT = 'postmottak:event';

/** HTTP bridge paths and header of the headless host. */
export const HTTP_INVOKE_PATH = '/api/invoke';
export const HTTP_EVENTS_PATH = '/api/events';
export const HTTP_TOKEN_HEADER = 'x-postmottak-token';
export const TOKEN_META_NAME = 'postmottak-token';
