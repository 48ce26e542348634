import {
  beginText,
  endText,
  moveText,
  PDFCatalog,
  PDFContentStream,
  PDFContext,
  PDFCrossRefSection,
  PDFHeader,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFPageLeaf,
  PDFPageTree,
  PDFString,
  PDFTrailer,
  PDFTrailerDict,
  setFontAndSize,
  showText,
  StandardFontEmbedder,
  StandardFonts,
  type PDFOperator,
} from 'pdf-lib';

/**
 * Small real PDFs (receipts, medical certificates) built with pdf-lib's object model and
 * written synchronously, so the seed generator stays synchronous and fast (20,000
 * submissions). PDFDocument.save() is async and yields between objects; this writes the
 * same header / objects / xref / trailer layout in one pass. Padding, to reach realistic
 * sizes, is an unreferenced stream filled with a repeating per-document pattern.
 */

export interface PdfSpec {
  title: string;
  lines: { text: string; size?: number; gapBefore?: number }[];
  /** Document info; CreationDate makes the bytes reproducible (no wall-clock time). */
  creationDate: Date;
  author?: string;
  /** Extra bytes carried in an unreferenced stream. */
  padBytes?: number;
  /** Distinguishes the padding between documents. */
  padPattern?: string;
}

const A4: [number, number] = [595.28, 841.89];
const helvetica = StandardFontEmbedder.for(StandardFonts.Helvetica);
const helveticaBold = StandardFontEmbedder.for(StandardFonts.HelveticaBold);

/** WinAnsi cannot show every character a name might hold; unknown ones become '?'. */
function encode(embedder: StandardFontEmbedder, text: string): PDFHexString {
  try {
    return embedder.encodeText(text);
  } catch {
    return embedder.encodeText(text.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?'));
  }
}

function serialize(context: PDFContext): Buffer {
  const header = PDFHeader.forVersion(1, 7);
  const objects = context.enumerateIndirectObjects();
  const xref = PDFCrossRefSection.create();
  let size = header.sizeInBytes() + 2;
  for (const [ref, obj] of objects) {
    xref.addEntry(ref, size);
    size += ref.sizeInBytes() + 3 + obj.sizeInBytes() + 9; // "R"→" obj\n", "\nendobj\n\n" as pdf-lib writes them
  }
  const xrefOffset = size;
  size += xref.sizeInBytes() + 1;
  const trailerDict = PDFTrailerDict.of(
    context.obj({ Size: context.largestObjectNumber + 1, Root: context.trailerInfo.Root, Info: context.trailerInfo.Info }),
  );
  size += trailerDict.sizeInBytes() + 2;
  const trailer = PDFTrailer.forLastCrossRefSectionOffset(xrefOffset);
  size += trailer.sizeInBytes();

  const buf = Buffer.allocUnsafe(size);
  let o = header.copyBytesInto(buf, 0);
  o += buf.write('\n\n', o, 'latin1');
  for (const [ref, obj] of objects) {
    o += buf.write(`${ref.objectNumber} ${ref.generationNumber} obj\n`, o, 'latin1');
    o += obj.copyBytesInto(buf, o);
    o += buf.write('\nendobj\n\n', o, 'latin1');
  }
  o += xref.copyBytesInto(buf, o);
  o += buf.write('\n', o, 'latin1');
  o += trailerDict.copyBytesInto(buf, o);
  o += buf.write('\n\n', o, 'latin1');
  o += trailer.copyBytesInto(buf, o);
  if (o !== size) throw new Error(`PDF-størrelse stemmer ikke (${o} ≠ ${size})`);
  return buf;
}

export function buildPdf(spec: PdfSpec): Buffer {
  const context = PDFContext.create();
  const pageTree = PDFPageTree.withContext(context);
  const pageTreeRef = context.register(pageTree);
  context.trailerInfo.Root = context.register(PDFCatalog.withContextAndPages(context, pageTreeRef));

  const regular = helvetica.embedIntoContext(context);
  const bold = helveticaBold.embedIntoContext(context);
  const ops: PDFOperator[] = [beginText(), moveText(56, A4[1] - 72)];
  ops.push(setFontAndSize('F2', 18), showText(encode(helveticaBold, spec.title)));
  let current = 18;
  for (const line of spec.lines) {
    const size = line.size ?? 11;
    ops.push(moveText(0, -(current * 0.6 + size * 1.1 + (line.gapBefore ?? 0))), setFontAndSize('F1', size), showText(encode(helvetica, line.text)));
    current = size;
  }
  ops.push(endText());
  const contents = context.register(PDFContentStream.of(context.obj({}), ops, false));

  const page = PDFPageLeaf.withContextAndParent(context, pageTreeRef);
  page.set(PDFName.of('MediaBox'), context.obj([0, 0, PDFNumber.of(A4[0]), PDFNumber.of(A4[1])]));
  page.set(PDFName.of('Resources'), context.obj({ Font: { F1: regular, F2: bold } }));
  page.set(PDFName.of('Contents'), contents);
  pageTree.pushLeafNode(context.register(page));

  const info: Record<string, PDFHexString | PDFString> = {
    Title: PDFHexString.fromText(spec.title),
    Producer: PDFHexString.fromText('Postmottak Altinn-simulator (pdf-lib)'),
    CreationDate: PDFString.fromDate(spec.creationDate),
  };
  if (spec.author) info.Author = PDFHexString.fromText(spec.author);
  context.trailerInfo.Info = context.register(context.obj(info));

  if (spec.padBytes && spec.padBytes > 0) {
    const pad = Buffer.allocUnsafe(spec.padBytes).fill(spec.padPattern || 'postmottak', 'latin1');
    context.register(context.stream(pad));
  }
  return serialize(context);
}
