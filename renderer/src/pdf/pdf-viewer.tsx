import { Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { type CSSProperties, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../shared/loading-state';
import { base64ToBytes, loadPdfJs } from './pdfjs';

type PdfJs = Awaited<ReturnType<typeof loadPdfJs>>;

interface Props {
  /** The PDF as it crossed the contract (base64). */
  base64: string;
  /** Names the viewer (heading and region). */
  title: string;
  filename: string;
  headingLevel?: 2 | 3 | 4;
  onClose?: () => void;
  /** Start at the largest zoom whose page fits the viewer's width (a narrow pane); the user zooms from there. */
  fitWidth?: boolean;
}

type State = { kind: 'loading' } | { kind: 'ready'; pdfjs: PdfJs; doc: PDFDocumentProxy } | { kind: 'error'; message: string };

const SCALES = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;
const DEFAULT_SCALE = 1.25;
const MIN_SCALE = SCALES[0];
const MAX_SCALE = SCALES[SCALES.length - 1]!;

/**
 * An embedded PDF viewer on pdf.js: every page drawn to a canvas with a selectable text
 * layer on top (so the text is readable by screen readers and can be copied), a label per
 * page, zoom, and a download link for the same bytes.
 */
export function PdfViewer({ base64, title, filename, headingLevel = 3, onClose, fitWidth = false }: Props) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [scale, setScale] = useState<number>(DEFAULT_SCALE);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const headingId = useId();

  useEffect(() => {
    let cancelled = false;
    let task: ReturnType<PdfJs['getDocument']> | null = null;
    // A new document is a new viewer (the parent keys it), so the state starts as loading.
    loadPdfJs()
      .then(async (pdfjs) => {
        // pdf.js takes ownership of (detaches) the buffer it is given.
        if (cancelled) return;
        task = pdfjs.getDocument({ data: base64ToBytes(base64) });
        const doc = await task.promise;
        if (cancelled) return;
        const available = sectionRef.current?.clientWidth ?? 0;
        if (fitWidth && available > 0) {
          // the first page's width at 100 %, less the viewer's padding and the page list's scroll bar
          const width = (await doc.getPage(1)).getViewport({ scale: 1 }).width;
          // the exact fit (e.g. 72 %), never above the usual 125 % nor below the smallest step
          if (!cancelled) setScale(Math.max(MIN_SCALE, Math.min(DEFAULT_SCALE, Math.floor(((available - 48) / width) * 100) / 100)));
        }
        if (!cancelled) setState({ kind: 'ready', pdfjs, doc });
      })
      .catch((cause: unknown) => {
        if (!cancelled) setState({ kind: 'error', message: cause instanceof Error ? cause.message : String(cause) });
      });
    return () => {
      cancelled = true;
      void task?.destroy(); // ends the document and its worker
    };
    // fitWidth is read once, when the document opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [base64]);

  // Bring the viewer into view and under the keyboard when it opens.
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section className="pm-pdf" aria-labelledby={headingId} data-testid="pdf-viewer" ref={sectionRef}>
      <div className="pm-pdf-bar">
        <Heading level={headingLevel} data-size="xs" id={headingId} ref={headingRef} tabIndex={-1}>
          {title}
        </Heading>
        <div className="pm-actions">
          <Button variant="secondary" data-size="sm" onClick={() => setScale((s) => [...SCALES].reverse().find((x) => x < s - 0.001) ?? s)} disabled={scale <= MIN_SCALE}>
            {t('pdf.zoomOut')}
          </Button>
          <span className="pm-muted" aria-live="polite">
            {t('pdf.zoom', { percent: Math.round(scale * 100) })}
          </span>
          <Button variant="secondary" data-size="sm" onClick={() => setScale((s) => SCALES.find((x) => x > s + 0.001) ?? s)} disabled={scale >= MAX_SCALE}>
            {t('pdf.zoomIn')}
          </Button>
          <Link href={`data:application/pdf;base64,${base64}`} download={filename} data-testid="pdf-download">
            {t('pdf.download', { filename })}
          </Link>
          {onClose && (
            <Button variant="tertiary" data-size="sm" onClick={onClose}>
              {t('pdf.close')}
            </Button>
          )}
        </div>
      </div>
      {state.kind === 'loading' && <LoadingState label={t('pdf.loading')} />}
      {state.kind === 'error' && (
        <Paragraph role="alert" data-testid="pdf-error">
          {t('pdf.error', { message: state.message })}
        </Paragraph>
      )}
      {state.kind === 'ready' && (
        <>
          <Paragraph data-size="sm" className="pm-muted" data-testid="pdf-pages">
            {t('pdf.pages', { count: state.doc.numPages })}
          </Paragraph>
          {/* the page list scrolls on its own: keyboard users reach it with Tab and scroll it with the arrows (WCAG 2.1.1) */}
          <ol className="pm-pdf-pages" tabIndex={0} aria-label={title}>
            {Array.from({ length: state.doc.numPages }, (_, i) => (
              <li key={i}>
                <PdfPage pdfjs={state.pdfjs} doc={state.doc} number={i + 1} total={state.doc.numPages} scale={scale} />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

interface PageProps {
  pdfjs: PdfJs;
  doc: PDFDocumentProxy;
  number: number;
  total: number;
  scale: number;
}

function PdfPage({ pdfjs, doc, number, total, scale }: PageProps) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number; userUnit: number } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let render: RenderTask | null = null;
    let textLayer: InstanceType<PdfJs['TextLayer']> | null = null;
    const draw = async () => {
      const page = await doc.getPage(number);
      if (cancelled) return;
      const viewport = page.getViewport({ scale });
      setSize({ width: viewport.width, height: viewport.height, userUnit: viewport.userUnit ?? 1 });
      const canvas = canvasRef.current;
      const container = textRef.current;
      if (!canvas || !container) return;
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      render = page.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
      await render.promise;
      if (cancelled) return;
      container.replaceChildren();
      textLayer = new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container, viewport });
      await textLayer.render();
    };
    draw().catch((cause: unknown) => {
      if (!cancelled && !(cause instanceof pdfjs.RenderingCancelledException)) setFailed(true);
    });
    return () => {
      cancelled = true;
      render?.cancel();
      textLayer?.cancel();
    };
  }, [pdfjs, doc, number, scale]);

  const style = size
    ? ({ width: `${size.width}px`, height: `${size.height}px`, '--scale-factor': scale, '--total-scale-factor': scale * size.userUnit } as CSSProperties)
    : undefined;
  const label = t('pdf.page', { number, total });
  return (
    <figure className="pm-pdf-page" aria-label={label} data-testid={`pdf-page-${number}`}>
      <div className="pm-pdf-sheet" style={style}>
        <canvas ref={canvasRef} aria-hidden="true" />
        <div ref={textRef} className="textLayer" />
      </div>
      <figcaption className="pm-muted">
        {label}
        {failed && ` – ${t('pdf.pageFailed')}`}
      </figcaption>
    </figure>
  );
}
