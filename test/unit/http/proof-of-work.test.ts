import { describe, expect, it } from 'vitest';
import { leadingZeroBits } from '#shared/http/proof-of-work';

describe('proof-of-work difficulty', () => {
  it('counts the leading zero bits of a digest', () => {
    expect(leadingZeroBits(Buffer.from([0x80]))).toBe(0);
    expect(leadingZeroBits(Buffer.from([0x01, 0xff]))).toBe(7);
    expect(leadingZeroBits(Buffer.from([0x00, 0x00, 0x3f]))).toBe(18);
    expect(leadingZeroBits(Buffer.from([0x00, 0x00]))).toBe(16);
  });
});
