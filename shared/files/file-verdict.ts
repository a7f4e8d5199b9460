/**
 * What a structure check says about an uploaded file: valid (with its page count, and whether it is
 * encrypted, when it is a PDF), or not, with a reason that completes "The body is not a valid <type>
 * file: …" for the caller.
 */
export type FileVerdict =
  | { valid: true; pages: number | null; encrypted?: boolean }
  | { valid: false; reason: string };
