import { fileURLToPath } from 'node:url';
import { concatTransformationMatrix, degrees, PDFDocument, PDFName, PDFNumber, type PDFPage } from 'pdf-lib';
import { getDocument, Util } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { normalizeRotation, visibleBox } from '#services/documents/page-frame';
import { watermarkPdf } from '#services/documents/watermark';

const standardFontDataUrl = fileURLToPath(
  new URL('../../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url),
);
const STAMP = 'Confidential \u2014 prepared for ada@example.com \u2014 2026-11-23';

/** A stamp line as a reader displays it: where its baseline starts and ends, in viewport units (y down). */
interface DisplayedLine {
  x: number;
  y: number;
  endX: number;
  horizontal: boolean;
  viewport: { width: number; height: number };
}

/** Every line of `text` on each page, in the page's displayed (viewport) coordinates, as pdf.js lays it out. */
async function displayedLines(bytes: Uint8Array, text: string): Promise<DisplayedLine[][]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl }).promise;
  const pages: DisplayedLine[][] = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const page = await pdf.getPage(number);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const lines: DisplayedLine[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str !== text) continue;
      const [a, b, c, d, e, f] = Util.transform(viewport.transform, item.transform) as [
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      // Upright text reading left to right: no shear or turn, and text-space "up" is the viewport's "up" (y down).
      const horizontal = Math.abs(b) < 1e-6 && Math.abs(c) < 1e-6 && a > 0 && d < 0;
      lines.push({ x: e, y: f, endX: e + item.width, horizontal, viewport });
    }
    pages.push(lines);
  }
  await pdf.destroy();
  return pages;
}

/** The footer: exactly one horizontal stamp line, starting and ending inside the displayed width, near the bottom. */
function expectFooterAlongDisplayedBottom(lines: DisplayedLine[]): void {
  const footers = lines.filter((line) => line.horizontal);
  expect(footers).toHaveLength(1);
  const [footer] = footers as [DisplayedLine];
  const { width, height } = footer.viewport;
  expect(footer.x).toBeGreaterThanOrEqual(0);
  expect(footer.endX).toBeLessThanOrEqual(width + 0.5);
  expect(footer.endX - footer.x).toBeGreaterThan(Math.min(100, width / 3));
  expect(footer.y).toBeLessThanOrEqual(height);
  expect(footer.y).toBeGreaterThan(height - Math.max(30, height * 0.06));
}

async function onePagePdf(shape: (page: PDFPage, pdf: PDFDocument) => void): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  shape(pdf.addPage([612, 792]), pdf);
  return pdf.save();
}

function setRawRotate(page: PDFPage, value: number): void {
  page.node.set(PDFName.of('Rotate'), PDFNumber.of(value));
}

async function stamped(original: Uint8Array): Promise<Uint8Array> {
  const result = await watermarkPdf(original, { text: STAMP });
  expect(result.watermarked).toBe(true);
  return result.bytes;
}

describe('watermark placement', () => {
  it.each([0, 90, 180, 270, -90, -180, -270, 360, 450, 540, 630, 720])(
    'runs the footer along the displayed bottom of a page rotated %i degrees',
    async (rotation) => {
      const original = await onePagePdf((page) => setRawRotate(page, rotation));

      const [lines] = await displayedLines(await stamped(original), STAMP);

      expectFooterAlongDisplayedBottom(lines ?? []);
    },
  );

  it.each([0, 90, 180, 270])(
    'keeps the footer inside a CropBox away from the origin of an offset MediaBox, rotated %i degrees',
    async (rotation) => {
      const original = await onePagePdf((page) => {
        page.setMediaBox(100, 200, 612, 792);
        page.setCropBox(150, 260, 400, 500);
        page.setRotation(degrees(rotation));
      });

      const [lines] = await displayedLines(await stamped(original), STAMP);

      const quarter = rotation % 180 !== 0;
      expect(lines?.[0]?.viewport).toMatchObject(
        quarter ? { width: 500, height: 400 } : { width: 400, height: 500 },
      );
      expectFooterAlongDisplayedBottom(lines ?? []);
    },
  );

  it.each([0, 90, 180, 270])(
    'places the footer on a MediaBox with negative corners written upper-right first, rotated %i degrees',
    async (rotation) => {
      const original = await onePagePdf((page, pdf) => {
        page.node.set(PDFName.MediaBox, pdf.context.obj([300, 400, -312, -392]));
        page.setRotation(degrees(rotation));
      });

      const [lines] = await displayedLines(await stamped(original), STAMP);

      expectFooterAlongDisplayedBottom(lines ?? []);
    },
  );

  it('follows a rotation and a MediaBox inherited from the page tree', async () => {
    const original = await onePagePdf((page, pdf) => {
      page.node.delete(PDFName.MediaBox);
      const tree = pdf.catalog.Pages();
      tree.set(PDFName.of('Rotate'), PDFNumber.of(270));
      tree.set(PDFName.MediaBox, pdf.context.obj([-50, -50, 545, 792]));
    });

    const [lines] = await displayedLines(await stamped(original), STAMP);

    expect(lines?.[0]?.viewport).toMatchObject({ width: 842, height: 595 });
    expectFooterAlongDisplayedBottom(lines ?? []);
  });

  it('shows a CropBox larger than the MediaBox only where they overlap', async () => {
    const original = await onePagePdf((page) => {
      page.setCropBox(-100, -100, 900, 1000);
      page.setRotation(degrees(90));
    });

    const [lines] = await displayedLines(await stamped(original), STAMP);

    expect(lines?.[0]?.viewport).toMatchObject({ width: 792, height: 612 });
    expectFooterAlongDisplayedBottom(lines ?? []);
  });

  it('is not moved by a transformation the page content leaves in place', async () => {
    const original = await onePagePdf((page) => {
      page.pushOperators(concatTransformationMatrix(2, 0, 0, 2, 300, 400));
      page.setRotation(degrees(90));
    });

    const [lines] = await displayedLines(await stamped(original), STAMP);

    expectFooterAlongDisplayedBottom(lines ?? []);
  });

  it('fits the footer across a narrow page, each page of a mixed document by its own frame', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage([200, 150]);
    pdf.addPage([150, 200]).setRotation(degrees(90));
    pdf.addPage([1684, 2384]).setRotation(degrees(180));
    const original = await pdf.save();

    const pages = await displayedLines(await stamped(original), STAMP);

    expect(pages).toHaveLength(3);
    for (const lines of pages) expectFooterAlongDisplayedBottom(lines);
  });
});

describe('page frame rules', () => {
  it.each([
    [0, 0],
    [-90, 270],
    [450, 90],
    [-630, 90],
    [720, 0],
    [45, 0],
    [Number.NaN, 0],
  ])('displays a /Rotate of %d as %d degrees', (rotate, displayed) => {
    expect(normalizeRotation(rotate)).toBe(displayed);
  });

  it('clips the CropBox to the MediaBox and ignores one that misses it', () => {
    const media = { x: 0, y: 0, width: 612, height: 792 };

    expect(visibleBox(media, { x: 100, y: -50, width: 1000, height: 100 })).toEqual({
      x: 100,
      y: 0,
      width: 512,
      height: 50,
    });
    expect(visibleBox(media, { x: 700, y: 0, width: 10, height: 10 })).toEqual(media);
    expect(visibleBox({ x: 612, y: 792, width: -612, height: -792 }, undefined)).toEqual(media);
  });
});
