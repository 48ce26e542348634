import { duration, when } from './alerts.text';
import type { Incident, MailPhase } from './alerts.types';

export interface MailContext {
  timeZone: string;
  /** Which installation speaks ("Demo kommune", "Postmottak – Eksempel kommune"). */
  installation: string;
  now: number;
}

const FOOTER =
  'Du får én e-post når et problem oppstår og én når det er løst. Alle åpne og nylig løste varsler står under Varsler i Postmottak.';

/**
 * The alert and recovery e-mails, in bokmål, from the stored incident (its words are redacted
 * already). Plain text; the subject says at once which it is.
 */
export function incidentMail(i: Incident, phase: MailPhase, c: MailContext): { subject: string; text: string } {
  if (phase === 'open') {
    return {
      subject: `[Postmottak] Varsel: ${i.title}`,
      text: [
        i.title,
        '',
        i.message,
        '',
        'Hva du gjør:',
        i.advice,
        '',
        `Oppdaget: ${when(i.openedAt, c.timeZone)}`,
        `Varsel nr. ${i.id} (${i.key}) fra ${c.installation}.`,
        '',
        FOOTER,
      ].join('\n'),
    };
  }
  const cleared = i.clearedAt ?? c.now;
  return {
    subject: `[Postmottak] Løst: ${i.title}`,
    text: [
      `Løst: ${i.title}`,
      '',
      `Problemet er borte. Det varte fra ${when(i.openedAt, c.timeZone)} til ${when(cleared, c.timeZone)} (${duration(cleared - i.openedAt)}).`,
      '',
      'Det siste Postmottak så:',
      i.message,
      '',
      `Varsel nr. ${i.id} (${i.key}) fra ${c.installation}.`,
      '',
      FOOTER,
    ].join('\n'),
  };
}

/** The test mail "Send testvarsel" sends. */
export function testMail(c: MailContext & { actor: string }): { subject: string; text: string } {
  return {
    subject: '[Postmottak] Testvarsel',
    text: [
      'Dette er et testvarsel fra Postmottak.',
      '',
      `${c.actor} sendte det ${when(c.now, c.timeZone)} fra ${c.installation}, for å sjekke at varsler på e-post kommer fram.`,
      'Du trenger ikke gjøre noe.',
    ].join('\n'),
  };
}
