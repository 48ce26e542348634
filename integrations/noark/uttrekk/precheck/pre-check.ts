import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExtractionProgress, PreCheck, PreCheckReport } from '../../../../electron/core/ports/archive-extraction.port';
import type { ControlId } from './controls';
import { runPreCheckInProcess, type PreCheckRunOptions } from './pre-check-run';
import { renderReportHtml } from './report-html';
import { renderReportPdf } from './report-pdf';
import { runInWorker, workerEntry } from './worker-host';

/**
 * The built-in pre-check (#16): the pass/fail controls Arkade 5 runs on a Noark 5 v5.0 package
 * (N5.01–03, 28, 30, 32, 47, 48, 51, 59, 62, 63) and the counts it reports, one streaming pass per
 * XML file (pre-check-run.ts), in a worker thread; and its reports (HTML, PDF/A, JSON).
 */

export interface PreCheckDeps extends PreCheckRunOptions {
  /** resources/fonts (DejaVu Sans) for the PDF report. */
  fontsDir: string;
  /** sRGB ICC profile (path or bytes); default <fontsDir>/../icc/sRGB.icc. */
  iccProfile?: string | Uint8Array;
  /** Clock, for checkedAt. */
  now?: () => number;
  /**
   * Run the check in a worker thread (default): its heap, with a young generation of
   * `workerYoungGenerationMb`, is the only one the pass's allocation grows, and it is freed when
   * the check ends. Falls back to this thread when the worker's file is not there.
   */
  isolate?: boolean;
  /** The worker's young generation (V8 semi-spaces); default 2 MB. */
  workerYoungGenerationMb?: number;
}

export function createPreCheck(deps: PreCheckDeps): PreCheck {
  const now = deps.now ?? Date.now;
  // no old-generation cap: live data grows with the systemIDs (~60 bytes each), and a worker that
  // hits its cap can take the whole process down (V8 OOM is fatal), not just the check
  const { isolate = true, workerYoungGenerationMb = 2 } = deps;
  const limits = { maxYoungGenerationSizeMb: workerYoungGenerationMb };
  const portable: PreCheckRunOptions = { wholeFileMaxBytes: deps.wholeFileMaxBytes, batchChars: deps.batchChars, xsdWorkers: deps.xsdWorkers };

  async function run(packageDir: string, onProgress?: (p: ExtractionProgress) => void): Promise<PreCheckReport> {
    const entry = isolate ? workerEntry() : null;
    const report = entry
      ? await runInWorker(entry, { packageDir, deps: portable }, limits, onProgress)
      : await runPreCheckInProcess(portable, packageDir, onProgress);
    return { ...report, checkedAt: now() };
  }

  let pdfAssets: Parameters<typeof renderReportPdf>[1] | null = null;
  return {
    run,
    async writeReport(report, outDir) {
      await mkdir(outDir, { recursive: true });
      const json = path.join(outDir, 'precheck-report.json');
      const html = path.join(outDir, 'precheck-report.html');
      const pdf = path.join(outDir, 'precheck-report.pdf');
      await writeFile(json, JSON.stringify(toJson(report), null, 2) + '\n', 'utf8');
      await writeFile(html, renderReportHtml(report), 'utf8');
      pdfAssets ??= { fontDir: deps.fontsDir, iccProfile: deps.iccProfile };
      await writeFile(pdf, await renderReportPdf(report, pdfAssets));
      return { html, pdf, json };
    },
  };
}

/** Our report, plus the same results in Arkade's testReport.schema.json naming (specs/noark5-uttrekk/arkade/). */
export function toJson(report: PreCheckReport): unknown {
  const arkadeTypes: Record<string, string> = {
    structure: 'StructureControl',
    content: 'ContentControl',
    analysis: 'ContentAnalysis',
  };
  return {
    ...report,
    checkedAtIso: new Date(report.checkedAt).toISOString(),
    arkade: {
      Summary: { ArchiveType: 'Noark5', DateOfTesting: new Date(report.checkedAt).toISOString(), NumberOfTestsRun: String(report.results.length) },
      TestsResults: report.results.map((r) => ({
        TestId: r.id,
        TestName: r.name,
        TestType: r.id === 'N5.28' ? 'StructureAnalysis' : (arkadeTypes[r.kind] ?? 'ContentAnalysis'),
        TestDescription: null,
        ResultSet: {
          Name: r.name,
          ResultSets: [],
          Results: [
            ...Object.entries(r.counts).map(([k, v]) => ({ ResultType: 'Success', Location: null, Message: `${k}: ${v}` })),
            ...r.errors.map((e) => ({ ResultType: 'Error', Location: e.location, Message: e.message })),
          ],
        },
        HasResults: r.errorCount > 0 || Object.keys(r.counts).length > 0,
        NumberOfErrors: String(r.errorCount),
      })),
    },
  };
}

export type { ControlId };
