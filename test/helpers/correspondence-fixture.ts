import type { OutgoingCorrespondence } from '../../electron/core/ports/correspondence.port';

export const CORR_FNR = '01017000027';
const DAY = 86_400_000;

/** A reply as the send job hands it to a correspondence adapter; number n makes its references unique. */
export function outgoingLetter(n: number, t0: number, over: Partial<OutgoingCorrespondence> = {}): OutgoingCorrespondence {
  return {
    sendersReference: `svar-${n}`,
    idempotentKey: `6f1c2a3b-0000-4000-8000-${String(n).padStart(12, '0')}`,
    recipient: { personNumber: CORR_FNR },
    resourceId: 'kommune-svar-permisjon',
    language: 'nb',
    title: 'Vedtak om permisjon',
    summary: 'Søknaden er innvilget',
    body: '# Vedtak\n\nSøknaden din er **innvilget**.',
    messageSender: 'Eksempel kommune',
    letter: { filename: 'vedtak.pdf', displayName: 'Vedtak', contentType: 'application/pdf', bytes: Buffer.from(`%PDF-1.7 vedtak ${n}`), sha256: 'x' },
    notification: { emailSubject: 'Du har fått svar', emailBody: 'Logg inn i Altinn for å lese svaret.', sms: 'Du har fått svar i Altinn.' },
    reminder: true,
    dueAt: t0 + 10 * DAY,
    ...over,
  };
}
