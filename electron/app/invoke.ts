import type { z } from 'zod';
import { channels, ERROR_CODES, isChannelName, type ChannelName, type HubResult } from '../ipc';
import { DeskError } from '../core/desk/case-access';
import type { Logger } from '../core/ports/logger.port';
import { redactText } from '../core/redact';

/** One handler per contract channel, taking the validated input. */
export type Handlers = { [C in ChannelName]: (input: z.output<(typeof channels)[C]['input']>) => unknown };
/** The handlers of some channels: what one feature contributes. */
export type HandlersFor<C extends ChannelName> = Pick<Handlers, C>;

/** "Not found" for a job, a schedule or a source: the host shows the message as it is. */
export class NotFound extends Error {}

/** The one entry every host uses: validates channel and input, maps refusals to error codes, never throws. */
export function createInvoke(handlers: Handlers, logger: Logger) {
  return async function invoke(channel: unknown, rawInput: unknown): Promise<HubResult<unknown>> {
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: ERROR_CODES.unknownChannel, message: `Ukjent kanal: ${String(channel).slice(0, 80)}` } };
    }
    const spec = channels[channel];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const msg = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ');
      return { ok: false, error: { code: ERROR_CODES.badInput, message: `Ugyldig forespørsel til ${channel}: ${msg}` } };
    }
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value: spec.output.parse(value) };
    } catch (e) {
      if (e instanceof NotFound) return { ok: false, error: { code: ERROR_CODES.notFound, message: e.message } };
      if (e instanceof DeskError) return { ok: false, error: { code: ERROR_CODES[e.code === 'not-found' ? 'notFound' : e.code], message: e.message } };
      logger.log('error', 'invoke failed', { channel, error: redactText((e as Error).message) });
      return { ok: false, error: { code: ERROR_CODES.internal, message: 'Noe gikk galt i Postmottak. Feilen er logget.' } };
    }
  };
}

export type Invoke = ReturnType<typeof createInvoke>;
