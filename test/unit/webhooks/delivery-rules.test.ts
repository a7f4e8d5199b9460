import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  AUTO_DISABLE_AFTER_FAILURES,
  AUTO_DISABLE_AFTER_MS,
  shouldAutoDisable,
} from '#services/webhooks/endpoint-health';
import { bodySignature, signedRequest, unsignedBodyOf } from '#services/webhooks/payload';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, retryDelayMs } from '#services/webhooks/retry';
import { newWebhookSecret } from '#services/webhooks/secret-box';
import { checkWebhookUrl } from '#services/webhooks/webhook-url';
import type { DomainEvent } from '#shared/events/envelope';

const event: DomainEvent = {
  id: 'evt_01JD3Q6V9Z8X7W6V5T4S3R2Q1P',
  type: 'account.created',
  tenant_id: 'org_01JD3Q6V9Z8X7W6V5T4S3R2Q1P',
  occurred_at: '2025-01-15T10:00:00.000Z',
  actor: { type: 'user', id: 'usr_1', ip: '203.0.113.9', user_agent: 'curl/8' },
  data: { account: { id: 'acc_123', title: 'Acme "Corporation"' } },
};

describe('webhook URLs', () => {
  it('must be https where private destinations are not allowed (AWS)', () => {
    expect(checkWebhookUrl('https://hooks.example.com/in', false)).toBe('https://hooks.example.com/in');
    expect(() => checkWebhookUrl('http://hooks.example.com/in', false)).toThrow(
      expect.objectContaining({ name: 'ValidationError', param: 'url' }),
    );
  });

  it('may be http on a local platform, but never another scheme or carry credentials', () => {
    expect(checkWebhookUrl('http://127.0.0.1:8080/in', true)).toBe('http://127.0.0.1:8080/in');
    expect(() => checkWebhookUrl('file:///etc/passwd', true)).toThrow(
      expect.objectContaining({ name: 'ValidationError' }),
    );
    expect(() => checkWebhookUrl('https://a:b@hooks.example.com/', true)).toThrow(
      expect.objectContaining({ name: 'ValidationError' }),
    );
  });
});

describe('the delivered request', () => {
  const secret = newWebhookSecret();
  const attemptAt = new Date();
  const { body, headers } = signedRequest(event, secret, attemptAt);

  it('is signed per Standard Webhooks, with the event id as the message id', () => {
    expect(secret).toMatch(/^whsec_/);
    expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
    expect(headers['webhook-id']).toBe(event.id);
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(attemptAt.getTime() / 1000)));
  });

  it("carries the envelope without the actor's ip and user agent, plus seed 2's fields, signature last", () => {
    const payload = JSON.parse(body);
    expect(Object.keys(payload)).toEqual([
      'id',
      'type',
      'tenant_id',
      'occurred_at',
      'actor',
      'data',
      'event',
      'timestamp',
      'signature',
    ]);
    expect(payload.actor).toEqual({ type: 'user', id: 'usr_1' });
    expect(payload).toMatchObject({
      event: 'account.created',
      timestamp: event.occurred_at,
      data: event.data,
    });
  });

  it("has seed 2's signature over the body without it, keyed by the secret's bytes", () => {
    const unsigned = unsignedBodyOf(body);
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');

    expect(JSON.parse(body).signature).toBe(
      `sha256=${createHmac('sha256', key).update(unsigned).digest('hex')}`,
    );
    expect(bodySignature(unsigned, secret)).toBe(JSON.parse(body).signature);
    expect(JSON.parse(unsigned)).not.toHaveProperty('signature');
  });
});

describe('retries', () => {
  it('wait about 30 s, 2 min, 10 min, 1 h, 3 h, 6 h, 12 h, then stop', () => {
    expect(RETRY_DELAYS_MS.map((_, index) => retryDelayMs(index + 1, () => 0.5, 1))).toEqual([
      ...RETRY_DELAYS_MS,
    ]);
    expect(retryDelayMs(MAX_ATTEMPTS, () => 0.5, 1)).toBeNull();
    expect(MAX_ATTEMPTS).toBe(8);
  });

  it('are jittered by up to 20 % either way and scaled', () => {
    expect(retryDelayMs(1, () => 0, 1)).toBe(24_000);
    expect(retryDelayMs(1, () => 1, 1)).toBe(36_000);
    expect(retryDelayMs(4, () => 0.5, 0.001)).toBe(3_600);
  });
});

describe('auto-disable', () => {
  const since = new Date('2025-01-01T00:00:00Z');
  const later = (ms: number) => new Date(since.getTime() + ms);

  it(`needs ${AUTO_DISABLE_AFTER_FAILURES} failures in a row spanning a day`, () => {
    expect(
      shouldAutoDisable(AUTO_DISABLE_AFTER_FAILURES, since.toISOString(), later(AUTO_DISABLE_AFTER_MS), 1),
    ).toBe(true);
    expect(
      shouldAutoDisable(
        AUTO_DISABLE_AFTER_FAILURES - 1,
        since.toISOString(),
        later(AUTO_DISABLE_AFTER_MS * 2),
        1,
      ),
    ).toBe(false);
    expect(
      shouldAutoDisable(
        AUTO_DISABLE_AFTER_FAILURES * 5,
        since.toISOString(),
        later(AUTO_DISABLE_AFTER_MS - 1),
        1,
      ),
    ).toBe(false);
    expect(shouldAutoDisable(AUTO_DISABLE_AFTER_FAILURES, undefined, later(AUTO_DISABLE_AFTER_MS), 1)).toBe(
      false,
    );
  });
});
