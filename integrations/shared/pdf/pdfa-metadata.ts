import { PDFArray, PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';

/**
 * The PDF/A-2b parts pdf-lib does not write by itself: the XMP metadata packet (pdfaid, Dublin
 * Core, xmp dates, all consistent with the Info dictionary), the sRGB output intent, the catalog's
 * language and the trailer's document ID. Everything is derived from the arguments only, so the
 * same letter gives the same bytes.
 */

export interface PdfAMetadata {
  title: string;
  /** Also the Info dictionary's Author and the XMP dc:creator. */
  author: string;
  /** Info /Subject and XMP dc:description; omitted when null. */
  subject: string | null;
  /** BCP 47 language tag, e.g. "nb-NO": catalog /Lang and XMP dc:language. */
  language: string;
  /** Info /Creator and XMP xmp:CreatorTool. */
  creatorTool: string;
  /** Info /Producer and XMP pdf:Producer. */
  producer: string;
  /** Info /CreationDate and /ModDate, XMP xmp:CreateDate, xmp:ModifyDate and xmp:MetadataDate. */
  date: Date;
  /** 16 bytes: the trailer /ID (both halves) and the XMP xmpMM:DocumentID / InstanceID. */
  documentId: Uint8Array;
}

export interface PdfAOutputIntent {
  /** The ICC profile's bytes (RGB, ICC v2 or v4). */
  iccProfile: Uint8Array;
  /** /OutputConditionIdentifier, e.g. "sRGB IEC61966-2.1". */
  identifier: string;
  /** /Info, a human-readable description of the condition. */
  info: string;
  /**
   * The profile already FlateDecode-compressed, as the document's own flateStream() would write it:
   * the profile is the same in every document, so a renderer compresses it once.
   */
  deflatedProfile?: Uint8Array;
}

export const SRGB_OUTPUT_INTENT = { identifier: 'sRGB IEC61966-2.1', info: 'sRGB IEC61966-2.1' } as const;

const escapeXml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/** XMP wants ISO 8601; seconds precision and "Z" so it equals the Info dictionary's D:…Z exactly. */
export const xmpDate = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** uuid-shaped rendering of the 16-byte document ID, for xmpMM:DocumentID. */
export function uuidOf(id: Uint8Array): string {
  const h = hex(id).padEnd(32, '0').slice(0, 32);
  return `uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The XMP packet: PDF/A-2b identification, Dublin Core, XMP basic, Adobe PDF and media management. */
export function buildXmp(meta: PdfAMetadata): string {
  const date = xmpDate(meta.date);
  const uuid = uuidOf(meta.documentId);
  const subject = meta.subject
    ? `
      <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(meta.subject)}</rdf:li></rdf:Alt></dc:description>`
    : '';
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about=""
        xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
        xmlns:dc="http://purl.org/dc/elements/1.1/"
        xmlns:xmp="http://ns.adobe.com/xap/1.0/"
        xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
        xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
      <pdfaid:part>2</pdfaid:part>
      <pdfaid:conformance>B</pdfaid:conformance>
      <dc:format>application/pdf</dc:format>
      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(meta.title)}</rdf:li></rdf:Alt></dc:title>
      <dc:creator><rdf:Seq><rdf:li>${escapeXml(meta.author)}</rdf:li></rdf:Seq></dc:creator>${subject}
      <dc:language><rdf:Bag><rdf:li>${escapeXml(meta.language)}</rdf:li></rdf:Bag></dc:language>
      <xmp:CreateDate>${date}</xmp:CreateDate>
      <xmp:ModifyDate>${date}</xmp:ModifyDate>
      <xmp:MetadataDate>${date}</xmp:MetadataDate>
      <xmp:CreatorTool>${escapeXml(meta.creatorTool)}</xmp:CreatorTool>
      <pdf:Producer>${escapeXml(meta.producer)}</pdf:Producer>
      <xmpMM:DocumentID>${uuid}</xmpMM:DocumentID>
      <xmpMM:InstanceID>${uuid}</xmpMM:InstanceID>
    </rdf:Description>
  </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/**
 * Writes the Info dictionary, the XMP metadata stream (unfiltered, as PDF/A requires), /Lang,
 * the GTS_PDFA1 output intent with the ICC profile, and the trailer /ID into `doc`.
 * Call it once, before `doc.save()`; create the document with `updateMetadata: false` so pdf-lib
 * adds no clock-dependent dates or its own Producer.
 */
export function applyPdfA(doc: PDFDocument, meta: PdfAMetadata, intent: PdfAOutputIntent): void {
  const ctx = doc.context;

  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  doc.setCreator(meta.creatorTool);
  doc.setProducer(meta.producer);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  doc.setLanguage(meta.language);

  const xmp = new TextEncoder().encode(buildXmp(meta));
  const metadata = ctx.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), ctx.register(metadata));

  const icc = intent.deflatedProfile ? ctx.stream(intent.deflatedProfile, { N: 3, Filter: 'FlateDecode' }) : ctx.flateStream(intent.iccProfile, { N: 3 });
  const outputIntent = PDFDict.withContext(ctx);
  outputIntent.set(PDFName.of('Type'), PDFName.of('OutputIntent'));
  outputIntent.set(PDFName.of('S'), PDFName.of('GTS_PDFA1'));
  outputIntent.set(PDFName.of('OutputConditionIdentifier'), PDFString.of(intent.identifier));
  outputIntent.set(PDFName.of('Info'), PDFString.of(intent.info));
  outputIntent.set(PDFName.of('DestOutputProfile'), ctx.register(icc));
  const intents = PDFArray.withContext(ctx);
  intents.push(ctx.register(outputIntent));
  doc.catalog.set(PDFName.of('OutputIntents'), intents);

  const id = PDFHexString.of(hex(meta.documentId).toUpperCase());
  ctx.trailerInfo.ID = ctx.obj([id, id]);
}

const PRODUCER = 'Postmottak (pdf-lib)';
const CREATOR_TOOL = 'Postmottak';

/**
 * The last step of every Postmottak PDF (letters, print with address page): PDF/A-2b metadata
 * with the sRGB output intent, then the bytes. No yielding to the event loop every 50 objects
 * (a setTimeout of ≥ 1 ms each): these documents are small.
 */
export async function savePdfA(doc: PDFDocument, meta: Omit<PdfAMetadata, 'creatorTool' | 'producer'>, icc: { profile: Uint8Array; deflated: Uint8Array }): Promise<Uint8Array> {
  applyPdfA(doc, { ...meta, creatorTool: CREATOR_TOOL, producer: PRODUCER }, { iccProfile: icc.profile, deflatedProfile: icc.deflated, ...SRGB_OUTPUT_INTENT });
  return doc.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Number.POSITIVE_INFINITY });
}
