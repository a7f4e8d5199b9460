import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fontCopies } from '#infra/scripts/copy-fonts';
import { BRAND_FONT_IDS, fontFiles } from '#services/brand/fonts';

describe('the brand fonts the platform serves itself (web/fonts/)', () => {
  it('ships every file of every font as its package has it (run `npm run fonts` after a change)', async () => {
    const copies = fontCopies();

    expect(copies.length).toBe(BRAND_FONT_IDS.filter((id) => id !== 'system').length * 3);
    for (const { from, to } of copies)
      expect((await readFile(to)).equals(await readFile(from)), to).toBe(true);
  });

  it('ships each font under the SIL Open Font License, beside its files', async () => {
    for (const id of BRAND_FONT_IDS.filter((font) => fontFiles(font).length > 0)) {
      const licence = await readFile(
        new URL(`../../../web/fonts/${id}-LICENSE.txt`, import.meta.url),
        'utf8',
      );
      expect(licence).toContain('SIL Open Font License, Version 1.1');
    }
  });
});
