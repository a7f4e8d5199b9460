import { afterEach, beforeEach, vi } from 'vitest';

/**
 * For the tests of one file: captures stdout (where Powertools prints EMF documents and log lines),
 * keeping it off the test log, and resets modules and stubbed env around each test, so each imports its
 * handler afresh under its own environment. Returns what prints the EMF documents so far, parsed.
 */
export function captureEmf<Document = Record<string, unknown>>(): () => Document[] {
  let stdout: string[] = [];
  beforeEach(() => {
    stdout = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
    vi.resetModules();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });
  return () =>
    stdout
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line) as Document);
}
