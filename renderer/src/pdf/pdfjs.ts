// The worker is emitted by Vite as its own file and referenced by a URL relative to the page's
// assets, so it loads the same way from the headless host (http://) and from Electron (file://).
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

type PdfJs = typeof import('pdfjs-dist');

let loading: Promise<PdfJs> | null = null;

/** pdf.js, loaded on first use (it is large) with its worker set up once. */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist').then(
    (pdfjs) => {
      pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
      return pdfjs;
    },
    (cause: unknown) => {
      loading = null; // let a later attempt try again
      throw cause;
    },
  );
  return loading;
}

/** base64 → bytes without Buffer (browser) and without the newer Uint8Array.fromBase64. */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
