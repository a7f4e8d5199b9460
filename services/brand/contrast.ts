/**
 * Readable text on a brand colour, by the WCAG 2.2 definitions (pure). Relative luminance and contrast
 * ratio are WCAG 2.2's "relative luminance" and "contrast ratio" glossary entries (sRGB, linearised with
 * the 0.04045 threshold); Success Criterion 1.4.3 (AA) asks 4.5:1 for normal text.
 */

/** WCAG 2.2 SC 1.4.3: the minimum contrast ratio of normal-size text (AA). */
export const AA_NORMAL_TEXT_CONTRAST = 4.5;

const BLACK = '#000000';
const WHITE = '#ffffff';

/** A colour as `#rrggbb` (lower case); `#rgb` is widened. Throws on anything else (schemas validate first). */
export function normalizeHexColor(color: string): string {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!match?.[1]) throw new Error(`Not a hex colour: ${color}`);
  const digits = match[1].toLowerCase();
  return `#${digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits}`;
}

function channel(value: number): number {
  const srgb = value / 255;
  return srgb <= 0.04045 ? srgb / 12.92 : ((srgb + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a hex colour: 0 (black) to 1 (white). */
export function relativeLuminance(color: string): number {
  const hex = normalizeHexColor(color);
  const [r, g, b] = [1, 3, 5].map((start) => channel(Number.parseInt(hex.slice(start, start + 2), 16)));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** WCAG contrast ratio of two colours: 1 (none) to 21 (black on white). */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a);
  return ((lighter ?? 0) + 0.05) / ((darker ?? 0) + 0.05);
}

/**
 * The text colour to put on a background: black or white, whichever contrasts more. Every sRGB colour
 * reaches at least 4.58:1 with one of them (the worst case is a mid grey), so the choice always meets AA
 * for normal text; `contrast` is the ratio it reaches.
 */
export function readableTextColor(background: string): { color: string; contrast: number } {
  const onBlack = contrastRatio(background, BLACK);
  const onWhite = contrastRatio(background, WHITE);
  return onBlack >= onWhite
    ? { color: BLACK, contrast: round(onBlack) }
    : { color: WHITE, contrast: round(onWhite) };
}

function round(ratio: number): number {
  return Math.floor(ratio * 100) / 100;
}
