import { describe, expect, it } from 'vitest';
import { cacheableResponse, entityTag, noneMatch } from '#services/trust-center/http-cache';

describe('cacheable visitor answers', () => {
  it('tag the exact bytes: the same body the same ETag, another body another', () => {
    expect(entityTag('{"a":1}')).toBe(entityTag('{"a":1}'));
    expect(entityTag('{"a":1}')).not.toBe(entityTag('{"a":2}'));
    expect(entityTag('x')).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
  });

  it('match If-None-Match weakly (RFC 9110 §13.1.2), in a list, or as *', () => {
    const tag = entityTag('body');
    expect(noneMatch(tag, tag)).toBe(true);
    expect(noneMatch(`W/${tag}`, tag)).toBe(true);
    expect(noneMatch(`"other", ${tag}`, tag)).toBe(true);
    expect(noneMatch('*', tag)).toBe(true);
    expect(noneMatch('"other"', tag)).toBe(false);
    expect(noneMatch(undefined, tag)).toBe(false);
  });

  it('answer 304 without a body to a matching If-None-Match, 200 with the body otherwise', () => {
    const first = cacheableResponse({}, { hello: 'world' }, { vary: ['Accept-Language'] });
    const etag = first.headers?.ETag ?? '';

    const again = cacheableResponse({ 'if-none-match': etag }, { hello: 'world' });
    const changed = cacheableResponse({ 'if-none-match': etag }, { hello: 'there' });

    expect(first).toMatchObject({ status: 200, body: { hello: 'world' } });
    expect(first.headers).toMatchObject({
      'Cache-Control': expect.stringMatching(/^public, /),
      Vary: 'Accept-Language',
    });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
    expect(changed.status).toBe(200);
  });

  it('tag a text body as sent, with its content type', () => {
    const answer = cacheableResponse({}, 'User-agent: *\n', { contentType: 'text/plain; charset=utf-8' });

    expect(answer.headers).toMatchObject({
      ETag: entityTag('User-agent: *\n'),
      'Content-Type': 'text/plain; charset=utf-8',
    });
    expect(answer.body).toBe('User-agent: *\n');
  });
});
