import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

/** Where the full report of the last run is kept (ignored by git), for people to read. */
export const LIGHTHOUSE_REPORT_DIR = join(import.meta.dirname, '.lighthouse');

/** Lighthouse's figures for one page, or why it could not run. */
export type LighthouseResult =
  | {
      url: string;
      lighthouseVersion: string;
      /** Lighthouse's defaults: mobile form factor, simulated throttling (Lantern). */
      formFactor: string;
      throttlingMethod: string;
      /** 0–100. */
      performance: number | null;
      accessibility: number | null;
      /** Milliseconds (CLS unitless), as Lighthouse simulates them. */
      metrics: Record<string, number | null>;
      /** Audits below a full score in either category, by id. */
      failingAudits: string[];
      runWarnings: string[];
      /** The HTML report, under LIGHTHOUSE_REPORT_DIR. */
      report: string;
    }
  | { url: string; error: string };

const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
] as const;

/**
 * Lighthouse (its Node API, the version pinned in package.json) on `url`, in the Chromium at
 * `chromePath` (Debian's), headless, with Lighthouse's default settings: performance and accessibility only.
 * Never throws: a run that fails is reported with its error.
 */
export async function measureLighthouse(url: string, chromePath: string): Promise<LighthouseResult> {
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  try {
    chrome = await chromeLauncher.launch({
      chromePath,
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'html',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    if (!result) return { url, error: 'Lighthouse returned no result' };
    const { lhr } = result;
    if (lhr.runtimeError) return { url, error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` };
    const score = (id: string) => {
      const value = lhr.categories[id]?.score;
      return value === null || value === undefined ? null : Math.round(value * 100);
    };
    const failingAudits = Object.values(lhr.categories).flatMap((category) =>
      category.auditRefs
        .filter((ref) => ref.weight > 0)
        .map((ref) => lhr.audits[ref.id])
        .filter((audit) => audit && audit.score !== null && audit.score < 1)
        .map((audit) => `${audit?.id} (${audit?.score})`),
    );
    await mkdir(LIGHTHOUSE_REPORT_DIR, { recursive: true });
    const report = join(LIGHTHOUSE_REPORT_DIR, 'overview.html');
    await writeFile(report, String(result.report));
    return {
      url,
      lighthouseVersion: lhr.lighthouseVersion,
      formFactor: lhr.configSettings.formFactor,
      throttlingMethod: lhr.configSettings.throttlingMethod,
      performance: score('performance'),
      accessibility: score('accessibility'),
      metrics: Object.fromEntries(METRICS.map((id) => [id, lhr.audits[id]?.numericValue ?? null])),
      failingAudits,
      runWarnings: lhr.runWarnings,
      report,
    };
  } catch (error) {
    return { url, error: error instanceof Error ? error.message : String(error) };
  } finally {
    chrome?.kill();
  }
}
