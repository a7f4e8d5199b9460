/**
 * Copies the brand fonts (services/brand/fonts.ts) from their @fontsource packages into web/fonts/, with
 * each font's licence (SIL Open Font License 1.1) beside its files, so the platform serves them itself.
 * Run after changing the list or a package's version: `npm run fonts`; test/unit/brand/fonts.test.ts
 * fails while web/fonts/ differs from the packages.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { BRAND_FONTS, type BrandFontId, fontFiles } from '#services/brand/fonts';

const require = createRequire(import.meta.url);
export const FONTS_DIR = resolve(import.meta.dirname, '../../web/fonts');

/** Where a font package's files are. */
export function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** Each file to ship: from the package, to web/fonts/ (the font files and `<id>-LICENSE.txt`). */
export function fontCopies(): { from: string; to: string }[] {
  return (Object.keys(BRAND_FONTS) as BrandFontId[]).flatMap((id) => {
    const name = BRAND_FONTS[id].package;
    if (name === null) return [];
    const root = packageDir(name);
    return [
      ...fontFiles(id).map((file) => ({ from: join(root, 'files', file), to: join(FONTS_DIR, file) })),
      { from: join(root, 'LICENSE'), to: join(FONTS_DIR, `${id}-LICENSE.txt`) },
    ];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await mkdir(FONTS_DIR, { recursive: true });
  for (const { from, to } of fontCopies()) await copyFile(from, to);
  console.log(`Copied ${fontCopies().length} files into ${FONTS_DIR}`);
}
