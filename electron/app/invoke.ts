import type { z } from 'zod';
import { channelAccess, channels, ERROR_CODES, isChannelName, mayCall, type ChannelName, type HubResult } from '../ipc';
import { DeskError } from '../core/desk/case-access';
import type { DeskUser } from '../core/desk/desk.types';
import type { Logger } from '../core/ports/logger.port';
import { redactText } from '../core/redact';
import { ContentUnavailableError } from '../store/content-files';

/** One handler per contract channel, taking the validated input. */
export type Handlers = { [C in ChannelName]: (input: z.output<(typeof channels)[C]['input']>) => unknown };
/** The handlers of some channels: what one feature contributes. */
export type HandlersFor<C extends ChannelName> = Pick<Handlers, C>;

/** "Not found" for a job, a schedule or a source: the host shows the message as it is. */
export class NotFound extends Error {}

/** The refusal of a channel the user's roles do not allow (the contract's declaration). */
export const forbiddenMessage = (channel: ChannelName, user: DeskUser): string =>
  user.roles.length === 0
    ? `Du har ingen rolle i Postmottak, så du får ikke se eller gjøre noe her (${channel}). Be IT om tilgang.`
    : `Rollen din gir ikke tilgang til ${channel}. Be IT om tilgang hvis du trenger det.`;

/**
 * The one entry every host uses: validates channel and input, refuses a channel the current
 * desk user's roles do not allow (as the contract declares), maps refusals to error codes, never throws.
 */
export function createInvoke(handlers: Handlers, logger: Logger, users: { current(): DeskUser }) {
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
    const user = users.current();
    if (!mayCall(channelAccess(channel), user.roles)) {
      logger.log('warn', 'channel refused', { channel, account: user.account });
      return { ok: false, error: { code: ERROR_CODES.forbidden, message: forbiddenMessage(channel, user) } };
    }
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value: spec.output.parse(value) };
    } catch (e) {
      if (e instanceof NotFound) return { ok: false, error: { code: ERROR_CODES.notFound, message: e.message } };
      // #17 item 6: a document retention moved out or removed, or whose file is gone: said in words, not «Noe gikk galt»
      if (e instanceof ContentUnavailableError) return { ok: false, error: { code: ERROR_CODES.notFound, message: e.message } };
      if (e instanceof DeskError) return { ok: false, error: { code: ERROR_CODES[e.code === 'not-found' ? 'notFound' : e.code], message: e.message } };
      logger.log('error', 'invoke failed', { channel, error: redactText((e as Error).message) });
      return { ok: false, error: { code: ERROR_CODES.internal, message: 'Noe gikk galt i Postmottak. Feilen er logget.' } };
    }
  };
}
