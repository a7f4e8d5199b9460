import { describe, expect, it } from 'vitest';
import { neutralizeLinks, quoteVisitorText, visitorLine } from '#shared/mail/visitor-text';

describe('links in visitor text', () => {
  it.each([
    ['Verify at https://evil.example/login', 'Verify at evil[.]example/login'],
    ['www.Evil.example', 'www[.]Evil[.]example'],
    ['mailto:x@evil.example', 'x@evil[.]example'],
    ['javascript:alert(1)', 'alert(1)'],
    ['http://203.0.113.9/x', '203[.]0[.]113[.]9/x'],
    ['ftp://files.example.org', 'files[.]example[.]org'],
    ['Müller.de', 'Müller[.]de'],
  ])('breaks %s into %s', (text, safe) => {
    expect(neutralizeLinks(text)).toBe(safe);
  });

  it.each(['J.R.R. Tolkien', 'Acme Ltd.', 'Re: our call', 'Version 1.2', 'Ada "The Countess" Lovelace'])(
    'leaves %s as it is',
    (text) => {
      expect(neutralizeLinks(text)).toBe(text);
    },
  );
});

describe('one line of visitor text', () => {
  it('turns line breaks and invisible characters into single spaces', () => {
    expect(visitorLine('Jane\r\nBcc: x\u202E\u200By', 100)).toBe('Jane Bcc: x y');
  });

  it('cuts long text to the cap with an ellipsis', () => {
    const line = visitorLine('a'.repeat(500), 60);

    expect([...line]).toHaveLength(60);
    expect(line.endsWith('…')).toBe(true);
  });

  it('counts characters, not UTF-16 units, so no emoji is cut in half', () => {
    expect(visitorLine('😀'.repeat(10), 5)).toBe('😀😀😀😀…');
  });
});

describe('quoted visitor text', () => {
  it('is wrapped in quotes that the text cannot close', () => {
    expect(quoteVisitorText('Jane” — Your account is locked “', 100)).toBe(
      '“Jane" — Your account is locked "”',
    );
  });

  it('is an empty quotation for empty text', () => {
    expect(quoteVisitorText('', 10)).toBe('“”');
  });
});
