export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Fields are redacted by the logger adapter; callers still never pass personal data on purpose. */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { log: () => undefined };
