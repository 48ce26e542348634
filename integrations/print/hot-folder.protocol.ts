/**
 * The hot folder's contract with the print vendor: the manifest beside each PDF and the folders
 * a vendor moves picked-up orders into. The channel and the vendor's simulator share this and
 * nothing else.
 */

export const HOT_FOLDER_MANIFEST_SCHEMA = 'postmottak.print-order/1';
/** Sub-folders a vendor may move picked-up orders into; an order found there counts as delivered. */
export const HOT_FOLDER_PICKED_DIRS = ['done', 'archive'] as const;

export interface HotFolderManifest {
  schema: typeof HOT_FOLDER_MANIFEST_SCHEMA;
  /** The order's key (digit runs that could be a fødselsnummer masked). */
  key: string;
  /** The file-safe key: the base name of both files, and the receipt's reference. */
  reference: string;
  /** ISO 8601. */
  created: string;
  file: string;
  bytes: number;
  sha256: string;
  pages: number;
  title: string;
  recipient: { name: string; addressLines: string[]; postalCode: string; postalPlace: string; country: string | null };
  sender: { name: string; orgNumber: string | null };
  options: { color: boolean; duplex: boolean };
}
