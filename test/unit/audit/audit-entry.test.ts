import { describe, expect, it } from 'vitest';
import { auditRecordOf, sanitize, summaryOf, targetOf } from '#services/audit/audit-entry';
import type { DomainEvent } from '#shared/events/envelope';

function event(
  type: string,
  data: unknown,
  actor: DomainEvent['actor'] = { type: 'user', id: 'usr_1' },
): DomainEvent {
  return { id: 'evt_1', type, tenant_id: 'org_1', occurred_at: '2025-01-02T03:04:05.678Z', actor, data };
}

describe('the target of an event', () => {
  it('is the first object with an id, named by its key', () => {
    expect(targetOf('account.updated', { account: { id: 'acc_1' }, changed: ['title'] })).toEqual({
      type: 'account',
      id: 'acc_1',
    });
    expect(targetOf('api_key.revoked', { api_key: { id: 'key_1', prefix: 'sk_live_abcd…' } })).toEqual({
      type: 'api_key',
      id: 'key_1',
    });
  });

  it('falls back to a `<type>_id` field, then to none', () => {
    expect(targetOf('document.upload_started', { document_id: 'doc_1', upload_id: 'upl_1' })).toEqual({
      type: 'document',
      id: 'doc_1',
    });
    expect(targetOf('auth.login_failed', { user: { id: null, email: 'a@b.c' } })).toBeNull();
  });

  it('follows the per-type overrides and key aliases', () => {
    expect(targetOf('account.documents_shared', { account_id: 'acc_1', document_ids: ['doc_1'] })).toEqual({
      type: 'account',
      id: 'acc_1',
    });
    expect(targetOf('knowledge_base.created', { entry: { id: 'kb_1' } })).toEqual({
      type: 'knowledge_base_entry',
      id: 'kb_1',
    });
  });
});

describe('the summary of an event', () => {
  it('takes field changes with before and after as they are', () => {
    const data = {
      subprocessor: { id: 'sub_1', name: 'Hoster' },
      changes: [{ field: 'location', before: 'DE', after: 'FR' }],
    };

    expect(summaryOf('subprocessor.updated', data, targetOf('subprocessor.updated', data))).toMatchObject({
      changed: ['location'],
      before: { location: 'DE' },
      after: { location: 'FR' },
    });
  });

  it('picks the changed fields from the state after an update', () => {
    const data = { account: { id: 'acc_1', title: 'Acme AG', description: 'x' }, changed: ['title'] };

    expect(summaryOf('account.updated', data, targetOf('account.updated', data))).toEqual({
      description: 'account “Acme AG” updated',
      changed: ['title'],
      after: { title: 'Acme AG' },
    });
  });

  it('keeps the state after a creation and before a deletion', () => {
    const created = { faq: { id: 'faq_1', question: 'Why?' } };

    expect(summaryOf('faq.created', created, targetOf('faq.created', created)).after).toEqual(created.faq);
    expect(summaryOf('faq.deleted', created, targetOf('faq.deleted', created)).before).toEqual(created.faq);
  });
});

describe('sanitizing what the audit log stores', () => {
  it('drops secret-like fields and whole API keys, keeping display prefixes', () => {
    const cleaned = sanitize({
      secret: 's',
      client_secret: 's',
      token: 't',
      password: 'p',
      usage_key_value: 'v',
      note: `sk_live_${'a'.repeat(40)}`,
      prefix: 'sk_live_abcd…',
      url: 'https://bucket.s3.amazonaws.com/f?X-Amz-Signature=abc',
      nested: { refresh_token: 'r', name: 'kept' },
    });

    expect(cleaned).toEqual({
      note: '[redacted]',
      prefix: 'sk_live_abcd…',
      url: '[redacted]',
      nested: { name: 'kept' },
    });
  });

  it('cuts long text and long lists', () => {
    const cleaned = sanitize({ answer: 'x'.repeat(1000), tags: Array.from({ length: 50 }, (_, i) => i) }) as {
      answer: string;
      tags: number[];
    };

    expect(cleaned.answer.length).toBeLessThan(300);
    expect(cleaned.tags).toHaveLength(20);
  });
});

describe('an audit record', () => {
  it('names the API key as the credential of a key, and a session for a person', () => {
    const byKey = auditRecordOf(
      event('faq.created', { faq: { id: 'faq_1' } }, { type: 'api_key', id: 'key_1' }),
    );
    const byPerson = auditRecordOf(
      event(
        'faq.created',
        { faq: { id: 'faq_1' } },
        { type: 'user', id: 'usr_1', ip: '10.0.0.1', user_agent: 'UA' },
      ),
    );

    expect(byKey.actor).toEqual({
      type: 'api_key',
      id: 'key_1',
      credential: 'key_1',
      ip: null,
      userAgent: null,
    });
    expect(byPerson.actor).toEqual({
      type: 'user',
      id: 'usr_1',
      credential: 'session',
      ip: '10.0.0.1',
      userAgent: 'UA',
    });
    expect(byPerson).toMatchObject({ id: 'evt_1', tenantId: 'org_1', action: 'faq.created' });
  });
});
