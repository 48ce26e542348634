/** A reply letter as it goes on paper or into a PDF: everything already merged and approved text. */
export interface LetterDocument {
  municipality: { name: string; orgNumber: string | null; unit: string | null };
  recipient: { name: string; street: string | null; postalCode: string | null; postalPlace: string | null };
  /** "2026/123" when archived; "Vår ref." on the letter. */
  caseNumber: string | null;
  /** ISO date (YYYY-MM-DD) printed as the letter's date. */
  date: string;
  title: string;
  /** Plain text; blank lines separate paragraphs. */
  body: string;
  caseworker: { name: string; unit: string | null };
  /** PDF metadata language. */
  language: 'nb' | 'nn' | 'en';
}

/**
 * Renders a letter as PDF/A (PDF/A-2b: fonts embedded, XMP metadata, sRGB output intent),
 * so what the caseworker previews is byte for byte what is archived and sent.
 */
export interface LetterRenderer {
  render(letter: LetterDocument): Promise<{ bytes: Uint8Array; pages: number }>;
}
