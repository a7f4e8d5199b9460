import type { SiteResults } from './site.ts';

const kb = (bytes: number) => (bytes / 1000).toFixed(1);
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '-');
const mark = (ok: boolean) => (ok ? 'ok' : 'OVER');

/** A few of the third-party URLs, without their query strings (presigned links differ only there). */
function thirdPartyExamples(urls: readonly string[]): string {
  const distinct = [...new Set(urls.map((url) => url.split('?')[0]))];
  if (distinct.length === 0) return '';
  const shown = distinct.slice(0, 3).join(', ');
  return ` (${shown}${distinct.length > 3 ? `, and ${distinct.length - 3} more` : ''}; all in the results file)`;
}

/** The site bench's figures as text, budgets beside them (KB = 1,000 bytes). */
export function formatSiteReport(site: SiteResults): string {
  const { budgets, lighthouse, render, javaScript } = site;
  const encoding = site.localContentEncoding
    ? `the local gateway answered with Content-Encoding ${site.localContentEncoding}`
    : 'the local gateway does not compress: bodies compressed here as CloudFront does (br q11 / gzip -6, ≥ 1,000 B, text types)';
  const rows = site.pages.map((page) =>
    [
      page.path.padEnd(22),
      String(page.status).padStart(4),
      String(page.requests).padStart(4),
      kb(page.servedBytes).padStart(8),
      kb(page.brotliBytes).padStart(8),
      kb(page.gzipBytes).padStart(8),
      mark(page.withinBudget).padStart(5),
    ].join('  '),
  );
  const lighthouseLines =
    'error' in lighthouse
      ? [`  could not run: ${lighthouse.error}`]
      : [
          `  Lighthouse ${lighthouse.lighthouseVersion} (${lighthouse.formFactor}, ${lighthouse.throttlingMethod} throttling): performance ${lighthouse.performance} (goal ≥ ${budgets.lighthousePerformance}), accessibility ${lighthouse.accessibility} (goal ${budgets.lighthouseAccessibility})`,
          `  ${Object.entries(lighthouse.metrics)
            .map(
              ([id, value]) => `${id} ${value === null ? '-' : value.toFixed(id.includes('shift') ? 3 : 0)}`,
            )
            .join(', ')}`,
          `  below full score: ${lighthouse.failingAudits.join(', ') || 'none'}; report ${lighthouse.report}`,
        ];
  return [
    `Trust-center site (${encoding})`,
    `  ${'page'.padEnd(22)}  code  reqs  served KB  br KB  gzip KB  ≤ ${kb(budgets.pageBytes)} KB`,
    ...rows.map((row) => `  ${row}`),
    `  largest: ${site.largestPage.path} ${kb(site.largestPage.gzipBytes)} KB gzip, ${kb(site.largestPage.brotliBytes)} KB br (logo excluded)`,
    `  JavaScript (${javaScript.files.map((file) => file.name).join(', ')}): ${javaScript.gzipBytes} B gzip, ${javaScript.brotliBytes} B br (≤ ${budgets.javaScriptBytes} B: ${mark(javaScript.withinBudget)})`,
    `  third-party requests: ${site.thirdParty.requests}${thirdPartyExamples(site.thirdParty.urls)}`,
    `  render p50: overview ${ms(render.overview.p50)} ms (${ms(render.overviewUnrecorded.p50)} ms with no page view recorded), API GET by id ${ms(render.apiGetById.p50)} ms, ×${render.p50Ratio?.toFixed(2) ?? '-'} (goal ≤ ×${budgets.renderToApiP50Ratio}: ${mark(render.withinBudget)})`,
    ...lighthouseLines,
  ].join('\n');
}
