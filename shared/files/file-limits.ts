/**
 * The bounds on the work checking one uploaded file's structure may cost (documents and certificates
 * alike). Every request that does this work runs in a Lambda with a 10 s timeout and 1024 MB of memory,
 * behind API Gateway's 29 s; these limits keep the work well inside both, and a file past them is refused
 * with a clear 4xx instead of a timeout.
 */

/**
 * 5,000 ms: how long parsing one uploaded PDF may take at upload or confirm. A file built of millions of
 * tiny objects can take pdf-lib longer than the function's 10 s; it is refused (415) instead.
 */
export const PDF_CHECK_TIME_BUDGET_MS = 5_000;

/**
 * 1,000 entries: the most an OOXML package (DOCX, XLSX) may hold. Apache POI's ZipSecureFile default
 * (`MAX_FILE_COUNT`); real documents hold tens to a few hundred parts.
 */
export const MAX_ZIP_ENTRIES = 1_000;

/**
 * 256 MiB: the most an OOXML package may expand to, all entries together. 2.5 times the largest upload
 * (100 MiB, presigned), which a package of already-compressed images reaches at most; a zip bomb does not.
 */
export const MAX_ZIP_UNCOMPRESSED_BYTES = 256 * 1024 * 1024;

/**
 * 100: the highest expansion ratio (uncompressed / compressed) of one entry. Apache POI refuses an entry
 * whose compressed size is under 1 % of its uncompressed size (`MIN_INFLATE_RATIO = 0.01`); XML parts of
 * real documents compress 5 to 20 times.
 */
export const MAX_ZIP_ENTRY_RATIO = 100;

/**
 * 100 KiB: an entry this small is not held to the ratio (POI's `GRACE_ENTRY_SIZE`): a short run of
 * repeated bytes compresses far beyond 100 times, and it cannot cost much.
 */
export const ZIP_RATIO_GRACE_BYTES = 100 * 1024;

/**
 * 10,000,000 pixels: the largest PNG or JPEG. Checking decodes every pixel, in pure JavaScript: jpeg-js
 * takes about 0.3 s a megapixel on one laptop core (16 MP: 5 s), pngjs about 0.06 s, and the function
 * has 10 s at 0.6 of a vCPU. An A4 page scanned at 300 dpi is 2480 × 3508 = 8.7 million pixels, so scans
 * fit; a larger scan goes in a PDF.
 */
export const MAX_IMAGE_PIXELS = 10_000_000;
