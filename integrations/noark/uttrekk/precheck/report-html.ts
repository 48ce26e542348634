import type { PreCheckReport, PreCheckResult } from '../../../../electron/core/ports/archive-extraction.port';

/** The pre-check report as one self-contained HTML page in Norwegian: no scripts, no outside resources. */

const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

export const KIND_LABEL: Record<PreCheckResult['kind'], string> = { structure: 'Strukturkontroll', content: 'Innholdskontroll', analysis: 'Innholdsanalyse' };
export const verdict = (passed: boolean): string => (passed ? 'Bestått' : 'Ikke bestått');

export function formatOsloTime(ms: number): string {
  return new Intl.DateTimeFormat('nb-NO', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Oslo' }).format(new Date(ms));
}

function controlSection(r: PreCheckResult): string {
  const id = `k-${r.id.replace(/\./g, '-')}`;
  const counts = Object.entries(r.counts);
  const countTable = counts.length
    ? `<table>
  <caption>Tall fra ${esc(r.id)}</caption>
  <thead><tr><th scope="col">Hva</th><th scope="col">Antall</th></tr></thead>
  <tbody>${counts.map(([k, v]) => `<tr><td>${esc(k)}</td><td class="num">${v}</td></tr>`).join('')}</tbody>
</table>`
    : '';
  const errors = r.errors.length
    ? `<table>
  <caption>Feil funnet av ${esc(r.id)} (${r.errorCount}${r.errorCount > r.errors.length ? `, de første ${r.errors.length} vises` : ''})</caption>
  <thead><tr><th scope="col">Nr.</th><th scope="col">Feil</th><th scope="col">Sted</th></tr></thead>
  <tbody>${r.errors.map((e, i) => `<tr><td class="num">${i + 1}</td><td>${esc(e.message)}</td><td>${esc(e.location ?? '')}</td></tr>`).join('')}</tbody>
</table>`
    : `<table>
  <caption>Feil funnet av ${esc(r.id)}</caption>
  <thead><tr><th scope="col">Feil</th></tr></thead>
  <tbody><tr><td>Ingen feil funnet.</td></tr></tbody>
</table>`;
  return `<section aria-labelledby="${id}">
<h3 id="${id}">${esc(r.id)} ${esc(r.name)}</h3>
<p><span class="verdict ${r.passed ? 'ok' : 'fail'}">${verdict(r.passed)}</span> · ${KIND_LABEL[r.kind]} · ${r.errorCount} feil</p>
${countTable}
${errors}
</section>`;
}

export function renderReportHtml(report: PreCheckReport): string {
  const failed = report.results.filter((r) => !r.passed);
  return `<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Forhåndskontroll av arkivuttrekk – ${verdict(report.passed)}</title>
<style>
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #8a8a8a; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #ececec; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.verdict { font-weight: bold; padding: 0.1rem 0.4rem; border: 2px solid; border-radius: 0.25rem; }
.ok { color: #14532d; border-color: #14532d; }
.fail { color: #7f1d1d; border-color: #7f1d1d; }
section { border-top: 1px solid #c8c8c8; padding-top: 0.5rem; }
</style>
</head>
<body>
<main>
<h1>Forhåndskontroll av arkivuttrekk (Noark 5)</h1>
<p>Kontrollene er de Arkade 5 kjører (samme nummer og navn). Resultat: <strong class="verdict ${report.passed ? 'ok' : 'fail'}">${verdict(report.passed)}</strong>.</p>
<dl>
<dt>Arkivuttrekk</dt><dd>${esc(report.packageDir)}</dd>
<dt>Kontrollert</dt><dd>${esc(formatOsloTime(report.checkedAt))}</dd>
<dt>Kontroller som ikke er bestått</dt><dd>${failed.length ? failed.map((r) => esc(`${r.id} ${r.name}`)).join(', ') : 'Ingen'}</dd>
</dl>
<h2>Oversikt</h2>
<table>
<caption>Alle kontroller</caption>
<thead><tr><th scope="col">Kontroll</th><th scope="col">Navn</th><th scope="col">Type</th><th scope="col">Resultat</th><th scope="col">Antall feil</th></tr></thead>
<tbody>
${report.results.map((r) => `<tr><td><a href="#k-${r.id.replace(/\./g, '-')}">${esc(r.id)}</a></td><td>${esc(r.name)}</td><td>${KIND_LABEL[r.kind]}</td><td>${verdict(r.passed)}</td><td class="num">${r.errorCount}</td></tr>`).join('\n')}
</tbody>
</table>
<h2>Kontrollene</h2>
${report.results.map(controlSection).join('\n')}
</main>
</body>
</html>
`;
}
