/**
 * Real files of every accepted type, made in memory for the file-validation tests (unit and e2e), and the
 * hostile variants the pen test found: polyglots, zip bombs, packages with hidden bytes.
 */
import { constants, createDeflateRaw, deflateRawSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  name: string;
  data?: Uint8Array;
  /** Already-deflated data with its real size, for entries too large to hold expanded. */
  deflated?: { bytes: Uint8Array; size: number };
  /** Sizes written into the headers instead of the real ones (a lying archive). */
  declared?: { compressed: number; uncompressed: number };
}

/** A ZIP archive (deflate, no data descriptors), optionally with bytes before it, between entries or after it. */
export function zip(
  entries: ZipEntry[],
  extra: { before?: Uint8Array; between?: Uint8Array; after?: Uint8Array } = {},
): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = extra.before?.length ?? 0;
  if (extra.before) locals.push(Buffer.from(extra.before));
  for (const [index, entry] of entries.entries()) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = entry.deflated?.bytes ?? deflateRawSync(entry.data ?? new Uint8Array());
    const size = entry.deflated?.size ?? entry.data?.length ?? 0;
    const crc = entry.data ? crc32(entry.data) : 0;
    const compressed = entry.declared?.compressed ?? data.length;
    const uncompressed = entry.declared?.uncompressed ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed, 18);
    local.writeUInt32LE(uncompressed, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed, 20);
    central.writeUInt32LE(uncompressed, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(data));
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
    if (extra.between && index === 0) {
      locals.push(Buffer.from(extra.between));
      offset += extra.between.length;
    }
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end, Buffer.from(extra.after ?? new Uint8Array())]);
}

const xml = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

const rels = xml(
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="MAIN"/></Relationships>',
);

function contentTypes(mainPart: string, mainType: string): Uint8Array {
  return xml(
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${mainPart}" ContentType="${mainType}"/></Types>`,
  );
}

const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const SHEET_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

/** The parts of a minimal Word document; `mainType` may be swapped (a renamed .docm). */
export function docxEntries(mainType = WORD_MAIN): ZipEntry[] {
  return [
    { name: '[Content_Types].xml', data: contentTypes('word/document.xml', mainType) },
    { name: '_rels/.rels', data: rels },
    {
      name: 'word/document.xml',
      data: xml(
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Security policy</w:t></w:r></w:p></w:body></w:document>',
      ),
    },
  ];
}

export const docx = (): Buffer => zip(docxEntries());

export function xlsx(): Buffer {
  return zip([
    { name: '[Content_Types].xml', data: contentTypes('xl/workbook.xml', SHEET_MAIN) },
    { name: '_rels/.rels', data: rels },
    {
      name: 'xl/workbook.xml',
      data: xml(
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>',
      ),
    },
  ]);
}

/** `mebibytes` of zeros, deflated as a stream (never held expanded): about 1 KiB per MiB. */
export async function deflatedZeros(mebibytes: number): Promise<{ bytes: Uint8Array; size: number }> {
  const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const mebibyte = Buffer.alloc(1024 * 1024);
  for (let index = 0; index < mebibytes; index += 1) {
    if (!deflate.write(mebibyte)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { bytes: Buffer.concat(chunks), size: mebibytes * 1024 * 1024 };
}

/** A Word document whose body part expands to `mebibytes` of zeros: the pen test's zip bomb. */
export async function docxBomb(mebibytes: number): Promise<Buffer> {
  const [types, relations] = docxEntries();
  return zip([
    types as ZipEntry,
    relations as ZipEntry,
    { name: 'word/document.xml', deflated: await deflatedZeros(mebibytes) },
  ]);
}

/** A real PNG of `width` × `height` grey pixels. */
export function png(width = 4, height = 3): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(0x80);
  return PNG.sync.write(image);
}

/** A real baseline JPEG of `width` × `height` pixels. */
export function jpegImage(width = 8, height = 8): Buffer {
  const data = Buffer.alloc(width * height * 4, 0x80);
  return Buffer.from(jpeg.encode({ data, width, height }, 80).data);
}

/** A real PDF made by pdf-lib with `pages` blank pages. */
export async function pdf(pages = 1): Promise<Buffer> {
  const document = await PDFDocument.create();
  for (let index = 0; index < pages; index += 1) document.addPage([612, 792]);
  return Buffer.from(await document.save());
}

export const html = Buffer.from('<html><body><script>alert(document.domain)</script></body></html>\n');
