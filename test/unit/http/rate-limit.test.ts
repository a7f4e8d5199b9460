import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_PUBLIC_LIMITS,
  formMeters,
  normalizeRecipient,
  normalizeSource,
  publicLimits,
} from '#shared/http/rate-limit';

describe('the mailbox an address reaches', () => {
  it.each([
    ['Victim@Example.com', 'victim@example.com'],
    ['victim+0@example.com', 'victim@example.com'],
    ['victim+a+b@example.com', 'victim@example.com'],
    ['v.i.c.t.i.m+29@gmail.com', 'victim@gmail.com'],
    ['Victim.Name@GoogleMail.com', 'victimname@gmail.com'],
    ['  victim@example.com  ', 'victim@example.com'],
    ['victim@example.com.', 'victim@example.com'],
  ])('counts %s as %s', (address, mailbox) => {
    expect(normalizeRecipient(address)).toBe(mailbox);
  });

  it('keeps the dots of providers that deliver them to different people', () => {
    expect(normalizeRecipient('jane.doe@example.com')).not.toBe(normalizeRecipient('janedoe@example.com'));
  });

  it('keeps a local part that is only a +tag rather than emptying it', () => {
    expect(normalizeRecipient('+tag@example.com')).toBe('+tag@example.com');
  });
});

describe('the network a request came from', () => {
  it('counts an IPv4 address as it is, also when IPv4-mapped', () => {
    expect(normalizeSource('203.0.113.9')).toBe('203.0.113.9');
    expect(normalizeSource('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('counts an IPv6 address by its /64', () => {
    expect(normalizeSource('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(normalizeSource('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
  });

  it('counts an unparsable source as it is', () => {
    expect(normalizeSource('unknown')).toBe('unknown');
  });
});

describe('the limits in force', () => {
  // The test run's platform sets its own limits in the environment the workers inherit.
  const configured = process.env.TC_PUBLIC_LIMITS;
  beforeEach(() => {
    delete process.env.TC_PUBLIC_LIMITS;
  });
  afterEach(() => {
    if (configured === undefined) delete process.env.TC_PUBLIC_LIMITS;
    else process.env.TC_PUBLIC_LIMITS = configured;
  });

  it('are the defaults without configuration', () => {
    expect(publicLimits()).toEqual(DEFAULT_PUBLIC_LIMITS);
  });

  it('take each well-formed override and ignore the rest', () => {
    process.env.TC_PUBLIC_LIMITS = JSON.stringify({
      'access_request.recipient': { limit: 2, window_seconds: 60 },
      'access_request.source': { limit: 0, window_seconds: 60 },
      'unknown.limit': { limit: 1, window_seconds: 1 },
    });

    const limits = publicLimits();

    expect(limits['access_request.recipient']).toEqual({ limit: 2, windowSeconds: 60 });
    expect(limits['access_request.source']).toEqual(DEFAULT_PUBLIC_LIMITS['access_request.source']);
    expect(Object.keys(limits)).toEqual(Object.keys(DEFAULT_PUBLIC_LIMITS));
  });

  it('are the defaults when the configuration is not JSON', () => {
    process.env.TC_PUBLIC_LIMITS = '{nope';
    expect(publicLimits()).toEqual(DEFAULT_PUBLIC_LIMITS);
  });
});

describe('the meters of a form request', () => {
  it('count the source first, then the mailbox, then the tenant', () => {
    expect(formMeters('access_request', 'A.B+x@gmail.com', '::ffff:10.0.0.1')).toEqual([
      { name: 'access_request.source', subject: '10.0.0.1' },
      { name: 'access_request.recipient', subject: 'ab@gmail.com' },
      { name: 'access_request.tenant', subject: 'tenant' },
    ]);
  });
});
