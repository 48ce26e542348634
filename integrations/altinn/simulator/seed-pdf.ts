import {
  PDFCatalog,
  PDFContext,
  PDFCrossRefSection,
  PDFHeader,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFPageLeaf,
  PDFPageTree,
  PDFRawStream,
  PDFString,
  PDFTrailer,
  PDFTrailerDict,
  StandardFontEmbedder,
  StandardFonts,
} from 'pdf-lib';

/**
 * Small real PDFs (receipts, medical certificates) built with pdf-lib's object model and
 * written synchronously, so the seed generator stays synchronous and fast (20,000
 * submissions). PDFDocument.save() is async and yields between objects; this writes the
 * same header / objects / xref / trailer layout in one pass. Padding, to reach realistic
 * sizes, is an unreferenced stream filled with a repeating per-document pattern, written
 * straight into the output buffer (no extra copy: the benchmark makes a gigabyte of it).
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
// StandardFonts and the embedder's FontNames are the same strings under two enum types
type FontName = Parameters<typeof StandardFontEmbedder.for>[0];
const helvetica = StandardFontEmbedder.for(StandardFonts.Helvetica as string as FontName);
const helveticaBold = StandardFontEmbedder.for(StandardFonts.HelveticaBold as string as FontName);

/** WinAnsi cannot show every character a name might hold; unknown ones become '?'. */
function encode(embedder: StandardFontEmbedder, text: string): PDFHexString {
  try {
    return embedder.encodeText(text);
  } catch {
    return embedder.encodeText(text.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?'));
  }
}

/** Writes the objects as pdf-lib's PDFWriter does; the padding object is written straight into the output. */
function serialize(context: PDFContext, pad: { bytes: number; pattern: string } | null): Buffer {
  const header = PDFHeader.forVersion(1, 7);
  const objects = context.enumerateIndirectObjects();
  const xref = PDFCrossRefSection.create();
  let size = header.sizeInBytes() + 2;
  for (const [ref, obj] of objects) {
    xref.addEntry(ref, size);
    size += ref.sizeInBytes() + 3 + obj.sizeInBytes() + 9; // "R"→" obj\n", "\nendobj\n\n" as pdf-lib writes them
  }
  const padRef = pad ? context.nextRef() : null;
  const padHead = padRef && pad ? `${padRef.objectNumber} 0 obj\n<<\n/Length ${pad.bytes}\n>>\nstream\n` : '';
  const padTail = '\nendstream\nendobj\n\n';
  if (padRef && pad) {
    xref.addEntry(padRef, size);
    size += padHead.length + pad.bytes + padTail.length;
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
    if (obj instanceof PDFRawStream) {
      // pdf-lib copies stream contents byte by byte; padding is tens of KB, so copy it in one go
      obj.updateDict();
      o += obj.dict.copyBytesInto(buf, o);
      o += buf.write('\nstream\n', o, 'latin1');
      const contents = obj.getContents();
      buf.set(contents, o);
      o += contents.length;
      o += buf.write('\nendstream', o, 'latin1');
    } else o += obj.copyBytesInto(buf, o);
    o += buf.write('\nendobj\n\n', o, 'latin1');
  }
  if (pad) {
    o += buf.write(padHead, o, 'latin1');
    buf.fill(pad.pattern, o, o + pad.bytes, 'latin1');
    o += pad.bytes;
    o += buf.write(padTail, o, 'latin1');
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
  // the content stream written as operator text: the same bytes pdf-lib's operators give, without building them
  let text = `BT\n56 ${(A4[1] - 72).toFixed(2)} Td\n/F2 18 Tf\n${encode(helveticaBold, spec.title).toString()} Tj\n`;
  let current = 18;
  for (const line of spec.lines) {
    const size = line.size ?? 11;
    text += `0 ${-(current * 0.6 + size * 1.1 + (line.gapBefore ?? 0)).toFixed(2)} Td\n/F1 ${size} Tf\n${encode(helvetica, line.text).toString()} Tj\n`;
    current = size;
  }
  const contents = context.register(context.stream(`${text}ET\n`));

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

  const padBytes = Math.max(0, Math.floor(spec.padBytes ?? 0));
  return serialize(context, padBytes > 0 ? { bytes: padBytes, pattern: spec.padPattern || 'postmottak' } : null);
}
