/**
 * What a mapping sees (#15 item 2): the application as one JSON document, the same for every
 * target, so a mapping is written once per target format and adapted in data. Dates are
 * Europe/Oslo dates (YYYY-MM-DD), date-times ISO 8601 with the Oslo offset. Holds personal data:
 * built in memory for one hand-over or preview, never stored or logged.
 */
export interface HandoverDocument {
  handover: {
    /** The idempotency key the target gets (random per installation). */
    key: string;
    target: string;
  };
  service: { id: string; version: number; name: string };
  case: {
    publicId: string;
    /** «2026/123» once archived, else null. */
    number: string | null;
    /** «2026/123-1»: the incoming registry entry, once archived. */
    journalpost: string | null;
    receivedAt: string;
    receivedDate: string;
  };
  applicant: {
    name: string;
    personNumber: string;
    /** From the fødselsnummer (YYYY-MM-DD), null for a D-number it cannot be read from. */
    birthDate: string | null;
    address: { street: string | null; postalCode: string | null; postalPlace: string | null } | null;
    email: string | null;
    phone: string | null;
  };
  /** Every profile field by key (strings as the form had them; null when empty). */
  form: Record<string, string | null>;
  /** Every profile list by key. */
  lists: Record<string, Record<string, string | null>[]>;
  /** The persons the application is about (children, the patient), when the profile names them. */
  subjects: { name: string | null; personNumber: string | null; birthDate: string | null }[];
  period: { from: string | null; to: string | null } | null;
  /** Folkeregisteret's answer for the applicant as cached at the desk, when looked up. */
  registers: { applicant: { name: string | null; address: { street: string | null; postalCode: string | null; postalPlace: string | null } | null } | null };
  /** The final decision, for routes that run after it. */
  decision: { outcome: 'innvilget' | 'avslått' | 'delvis-innvilget'; grounds: string; date: string; decidedBy: string } | null;
  attachments: { title: string; filename: string | null; contentType: string; size: number }[];
  municipality: { name: string; orgNumber: string | null };
}
