import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AA_NORMAL_TEXT_CONTRAST,
  contrastRatio,
  normalizeHexColor,
  readableTextColor,
} from '#services/brand/contrast';

describe('readable text on a brand colour (WCAG 2.2)', () => {
  it('reaches the extremes of the contrast ratio: 21:1 for black on white, 1:1 for a colour on itself', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#0066cc', '#0066cc')).toBe(1);
  });

  it('picks white on seed 1’s #0066cc and black on a light yellow', () => {
    expect(readableTextColor('#0066cc')).toEqual({ color: '#ffffff', contrast: 5.56 });
    expect(readableTextColor('#ffeb3b').color).toBe('#000000');
  });

  it('meets AA for normal text (4.5:1) on every sRGB colour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (rgb) => {
        const background = `#${rgb.toString(16).padStart(6, '0')}`;
        const { color } = readableTextColor(background);
        expect(contrastRatio(background, color)).toBeGreaterThanOrEqual(AA_NORMAL_TEXT_CONTRAST);
      }),
      { numRuns: 2000 },
    );
  });

  it('widens #rgb and lower-cases, and refuses what is not a hex colour', () => {
    expect(normalizeHexColor('#ACF')).toBe('#aaccff');
    expect(() => normalizeHexColor('blue')).toThrow();
  });
});
