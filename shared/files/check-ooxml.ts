/**
 * Structure check for OOXML packages (DOCX, XLSX), which are ZIP archives (ECMA-376 Part 2, Open
 * Packaging Conventions). yauzl reads the central directory and inflates every entry, checking each
 * against its declared size; around it this module holds the package to limits on entry count, total
 * expanded size and expansion ratio (file-limits.ts), requires the parts a viewer opens first, and checks
 * that the entries fill the file from its first byte to the central directory (nothing hidden between).
 */
import type { Entry, ZipFile } from 'yauzl';
import {
  MAX_ZIP_ENTRIES,
  MAX_ZIP_ENTRY_RATIO,
  MAX_ZIP_UNCOMPRESSED_BYTES,
  ZIP_RATIO_GRACE_BYTES,
} from '#shared/files/file-limits';
import type { FileVerdict } from '#shared/files/file-verdict';

/** The package kinds accepted, by the part that holds the content and its content type in `[Content_Types].xml`. */
export const OOXML_KINDS = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    mainPart: 'word/document.xml',
    mainType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    mainPart: 'xl/workbook.xml',
    mainType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  },
} as const;

export type OoxmlContentType = keyof typeof OOXML_KINDS;

/** `[Content_Types].xml` is a few KiB in any real package; more is not read into memory. */
const MAX_CONTENT_TYPES_BYTES = 1024 * 1024;
/** A data descriptor (after the data when general purpose bit 3 is set): optional signature, CRC, sizes. */
const DATA_DESCRIPTOR_LENGTHS = [12, 16, 20, 24];
const EOCD_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

class PackageRefused extends Error {
  override name = 'PackageRefused';
}

function openZip(bytes: Buffer, yauzl: typeof import('yauzl')): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      bytes,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: true, decodeStrings: true },
      (error, zip) => (error || !zip ? reject(error) : resolve(zip)),
    );
  });
}

/** Every entry of the central directory, in order, ending early when one breaks a limit. */
function readEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    let expanded = 0;
    zip.on('error', reject);
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: Entry) => {
      expanded += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > ZIP_RATIO_GRACE_BYTES && ratio > MAX_ZIP_ENTRY_RATIO)
        return reject(
          new PackageRefused(`its part ${entry.fileName} expands more than ${MAX_ZIP_ENTRY_RATIO} times`),
        );
      if (expanded > MAX_ZIP_UNCOMPRESSED_BYTES)
        return reject(new PackageRefused(`it expands to more than ${MAX_ZIP_UNCOMPRESSED_BYTES} bytes`));
      if (entry.isEncrypted()) return reject(new PackageRefused(`its part ${entry.fileName} is encrypted`));
      entries.push(entry);
      zip.readEntry();
    });
    zip.readEntry();
  });
}

/** Inflates one entry to its end (yauzl refuses one whose size differs from the declared), keeping it only if asked. */
function inflate(zip: ZipFile, entry: Entry, keep: boolean): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => keep && chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve(keep ? Buffer.concat(chunks) : null));
    });
  });
}

function fileDataStart(zip: ZipFile, entry: Entry): Promise<number> {
  return zip.readLocalFileHeaderPromise(entry, { minimal: true }).then((header) => header.fileDataStart);
}

/** Where the central directory starts, from the end-of-central-directory record (null for ZIP64). */
function centralDirectoryOffset(bytes: Buffer): number | null {
  const eocd = bytes.lastIndexOf(EOCD_SIGNATURE);
  const offset = bytes.readUInt32LE(eocd + 16);
  return offset === 0xffffffff ? null : offset;
}

/** Each entry starts where the one before ended, the first at byte 0, the last ends at the central directory. */
async function refuseHiddenBytes(bytes: Buffer, zip: ZipFile, entries: readonly Entry[]): Promise<void> {
  const directory = centralDirectoryOffset(bytes);
  if (directory === null) return;
  const ordered = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  let expected = 0;
  for (const [index, entry] of ordered.entries()) {
    const starts = entry.relativeOffsetOfLocalHeader;
    const fits = index === 0 ? starts === 0 : starts === expected;
    if (!fits) throw new PackageRefused('it holds bytes that belong to no part');
    const dataEnd = (await fileDataStart(zip, entry)) + entry.compressedSize;
    const next = ordered[index + 1]?.relativeOffsetOfLocalHeader ?? directory;
    const hasDescriptor = (entry.generalPurposeBitFlag & 0x8) !== 0;
    expected = hasDescriptor
      ? dataEnd + (DATA_DESCRIPTOR_LENGTHS.find((length) => dataEnd + length === next) ?? 12)
      : dataEnd;
  }
  if (expected !== directory) throw new PackageRefused('it holds bytes that belong to no part');
}

/**
 * Whether `bytes` are a whole OOXML package of `contentType`: a ZIP that yauzl reads to its end, within
 * MAX_ZIP_ENTRIES entries, MAX_ZIP_UNCOMPRESSED_BYTES expanded and MAX_ZIP_ENTRY_RATIO per entry, with
 * unique safe part names, `[Content_Types].xml` declaring the main part's type (so a macro-enabled
 * `.docm`/`.xlsm` renamed is refused), `_rels/.rels`, the main part, and no VBA project.
 */
export async function checkOoxml(contentType: OoxmlContentType, bytes: Buffer): Promise<FileVerdict> {
  const kind = OOXML_KINDS[contentType];
  const yauzl = await import('yauzl');
  let zip: ZipFile | undefined;
  try {
    zip = await openZip(bytes, yauzl.default ?? yauzl);
    if (zip.entryCount > MAX_ZIP_ENTRIES)
      return {
        valid: false,
        reason: `it has ${zip.entryCount} parts; at most ${MAX_ZIP_ENTRIES} are accepted`,
      };
    const entries = await readEntries(zip);
    const names = new Set(entries.map((entry) => entry.fileName));
    if (names.size !== entries.length) return { valid: false, reason: 'it names a part twice' };
    for (const required of ['[Content_Types].xml', '_rels/.rels', kind.mainPart]) {
      if (!names.has(required)) return { valid: false, reason: `it has no ${required} part` };
    }
    if (entries.some((entry) => /(^|\/)vbaProject\.bin$/i.test(entry.fileName)))
      return { valid: false, reason: 'it carries macros (a VBA project)' };
    await refuseHiddenBytes(bytes, zip, entries);
    let contentTypes = '';
    for (const entry of entries) {
      const isContentTypes = entry.fileName === '[Content_Types].xml';
      if (isContentTypes && entry.uncompressedSize > MAX_CONTENT_TYPES_BYTES)
        return { valid: false, reason: 'its [Content_Types].xml part is too large' };
      const kept = await inflate(zip, entry, isContentTypes);
      if (kept) contentTypes = kept.toString('utf8');
    }
    if (!contentTypes.includes(`ContentType="${kind.mainType}"`))
      return { valid: false, reason: `its [Content_Types].xml does not declare ${kind.mainType}` };
    return { valid: true, pages: null };
  } catch (error) {
    if (error instanceof PackageRefused) return { valid: false, reason: error.message };
    return { valid: false, reason: 'it is not a readable ZIP package' };
  } finally {
    zip?.close();
  }
}
