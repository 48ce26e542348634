import type { PostalAddress } from './register.port';

/**
 * Putting a reply on paper: a hot folder for the municipality's print vendor, or KS SvarUt as a
 * print-only shipment. submit() is idempotent by `key`: a second submit of the same key hands
 * nothing new to the printer and returns the first reference.
 */
export interface PrintOrder {
  /** Stable per reply, e.g. `reply:<publicId>`. */
  key: string;
  recipient: { name: string; address: PostalAddress };
  sender: { name: string; orgNumber: string | null };
  title: string;
  /** The archived letter (PDF/A), for channels that make their own address page (SvarUt). */
  letter: { bytes: Uint8Array; sha256: string; filename: string };
  /** Print-ready: an address page followed by the letter (hot folder). */
  printReady: { bytes: Uint8Array; sha256: string; pages: number };
  options: { color: boolean; duplex: boolean };
}

export interface PrintReceipt {
  reference: string;
  at: number;
}

export interface PrintChannel {
  readonly kind: 'hot-folder' | 'svarut';
  submit(o: PrintOrder): Promise<PrintReceipt>;
  close?(): Promise<void>;
}

/** Makes the print-ready PDF: an address page for a window envelope, then the letter's pages. */
export interface PrintRenderer {
  printReady(input: {
    letter: Uint8Array;
    recipient: { name: string; address: PostalAddress };
    sender: { name: string; orgNumber: string | null };
    /** Printed small on the address page so a returned letter can be traced, e.g. the case number. */
    reference: string;
    date: string;
  }): Promise<{ bytes: Uint8Array; pages: number }>;
}
