/**
 * The bounds on the work stamping a watermark on a stored file may cost at download (the bounds on
 * checking its structure at upload are in shared/files/file-limits.ts). Stamping runs in a documents (or
 * access-requests) Lambda with a 10 s timeout and 1024 MB of memory, behind API Gateway's 29 s; these
 * limits keep the work well inside both, and a file past them is refused with a clear 4xx instead of a
 * timeout.
 */

/**
 * 2,000 pages: the most a `restricted` or `requires_nda` PDF may have, because each viewer gets a copy
 * stamped on every page. Stamping costs about 0.25 ms a page on one laptop core (2,000 pages: 0.55 s;
 * 20,000: 4.7 s), and a 1024 MB Lambda has about 0.6 of a vCPU, so 2,000 pages stay near 1 s there.
 * Refused at upload, at confirm and when a public document is made restricted (see watermark-limits.ts).
 */
export const MAX_WATERMARK_PAGES = 2_000;

/**
 * 25 MiB: the largest `restricted` or `requires_nda` PDF. Stamping holds the original, pdf-lib's parse and
 * the saved copy in memory at once (about 240 MB resident for 25 MiB, 680 MB for 100 MiB), and the
 * function has 1024 MB. Larger files can still be public, or split.
 */
export const MAX_WATERMARK_BYTES = 25 * 1024 * 1024;

/**
 * 5,000 ms: how long stamping one copy may take before the download is refused (409) rather than served
 * unstamped. The function's 10 s timeout must also cover reading the original and storing the copy.
 * The limits above keep new files far below it; it guards versions stored before them.
 */
export const WATERMARK_TIME_BUDGET_MS = 5_000;
