import { describe, expect, it } from 'vitest';
import { checkIfMatch, etagOf } from '#shared/http/etag';

const preconditionFailed = expect.objectContaining({ name: 'PreconditionFailedError' });

describe('If-Match', () => {
  it('passes without If-Match, with the current ETag, in a list, or *', () => {
    expect(() => checkIfMatch(undefined, 3)).not.toThrow();
    expect(() => checkIfMatch(etagOf(3), 3)).not.toThrow();
    expect(() => checkIfMatch('"1", "3"', 3)).not.toThrow();
    expect(() => checkIfMatch('*', 3)).not.toThrow();
  });

  it('fails with 412 when no listed ETag is current', () => {
    expect(() => checkIfMatch('"2"', 3)).toThrow(preconditionFailed);
  });

  // RFC 9110 §13.1.1: If-Match uses the strong comparison, so a weak tag never matches.
  it.each(['W/"3"', 'w/"3"', 'W/"3", "2"', ' W/"3" '])('fails with 412 for the weak tag %s', (header) => {
    expect(() => checkIfMatch(header, 3)).toThrow(preconditionFailed);
  });

  it.each(['3', '"3', '3"', "'3'", '"*"', ''])('fails with 412 for %j, which is no entity-tag', (header) => {
    expect(() => checkIfMatch(header, 3)).toThrow(preconditionFailed);
  });
});
