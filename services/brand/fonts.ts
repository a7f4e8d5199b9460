/**
 * The fonts a brand may pick: openly licensed (SIL Open Font License 1.1), copied from their @fontsource
 * packages into web/fonts/ by infra/scripts/copy-fonts.ts and served by the platform itself, never from a
 * third-party font CDN. Latin subset, regular (400) and bold (700), WOFF2. `system` uses the visitor's own
 * fonts and ships no file.
 */
export const BRAND_FONTS = {
  system: {
    family: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    package: null,
  },
  inter: { family: '"Inter", system-ui, sans-serif', package: '@fontsource/inter' },
  'ibm-plex-sans': { family: '"IBM Plex Sans", system-ui, sans-serif', package: '@fontsource/ibm-plex-sans' },
  'source-sans-3': { family: '"Source Sans 3", system-ui, sans-serif', package: '@fontsource/source-sans-3' },
  'noto-sans': { family: '"Noto Sans", system-ui, sans-serif', package: '@fontsource/noto-sans' },
  merriweather: { family: '"Merriweather", Georgia, serif', package: '@fontsource/merriweather' },
} as const satisfies Record<string, { family: string; package: string | null }>;

export type BrandFontId = keyof typeof BRAND_FONTS;
export const BRAND_FONT_IDS = Object.keys(BRAND_FONTS) as [BrandFontId, ...BrandFontId[]];
export const DEFAULT_BRAND_FONT: BrandFontId = 'system';

/** The weights shipped per font. */
export const FONT_WEIGHTS = [400, 700] as const;

/**
 * The files of a font under web/fonts/ (`inter-latin-400-normal.woff2`, …), as @fontsource names them;
 * none for `system`.
 */
export function fontFiles(id: BrandFontId): `${string}.woff2`[] {
  if (BRAND_FONTS[id].package === null) return [];
  return FONT_WEIGHTS.map((weight) => `${id}-latin-${weight}-normal.woff2` as const);
}
