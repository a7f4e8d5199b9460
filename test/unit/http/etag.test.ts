import { describe, expect, it } from 'vitest';
import { checkIfMatch, etagOf } from '#shared/http/etag';

describe('If-Match', () => {
  it('passes without If-Match, with the current ETag, a weak form of it, or *', () => {
    expect(() => checkIfMatch(undefined, 3)).not.toThrow();
    expect(() => checkIfMatch(etagOf(3), 3)).not.toThrow();
    expect(() => checkIfMatch('W/"3"', 3)).not.toThrow();
    expect(() => checkIfMatch('"1", "3"', 3)).not.toThrow();
    expect(() => checkIfMatch('*', 3)).not.toThrow();
  });

  it('fails with 412 when no listed ETag is current', () => {
    expect(() => checkIfMatch('"2"', 3)).toThrow(
      expect.objectContaining({ status: 412, type: 'precondition_failed' }),
    );
  });
});
