import { describe, expect, it } from 'vitest';
import { type EventBridgeEvent, InvalidEventPatternError, LocalEventBus } from '#infra/local/event-bus/index';

function documentEvent(overrides: Partial<EventBridgeEvent> = {}): EventBridgeEvent {
  return {
    version: '0',
    id: 'evt-1',
    'detail-type': 'document.published',
    source: 'trust-center.documents',
    account: '000000000000',
    time: '2025-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: { tenant_id: 'org_1', document_id: 'doc_1' },
    ...overrides,
  };
}

describe('LocalEventBus', () => {
  it('delivers an event to the target of every matching rule', async () => {
    // Prepare
    const bus = new LocalEventBus();
    const audit: EventBridgeEvent[] = [];
    const webhooks: EventBridgeEvent[] = [];
    bus.addRule({
      name: 'audit',
      eventPattern: { source: [{ prefix: 'trust-center.' }] },
      target: async (e) => {
        audit.push(e);
      },
    });
    bus.addRule({
      name: 'webhooks',
      eventPattern: { 'detail-type': ['document.published'] },
      target: async (e) => {
        webhooks.push(e);
      },
    });

    // Act
    bus.publish(documentEvent());
    await bus.settled();

    // Assess
    expect([audit, webhooks]).toEqual([[documentEvent()], [documentEvent()]]);
  });

  it('does not deliver an event to a rule whose pattern does not match', async () => {
    // Prepare
    const bus = new LocalEventBus();
    const delivered: EventBridgeEvent[] = [];
    bus.addRule({
      name: 'requests',
      eventPattern: { source: ['trust-center.requests'] },
      target: async (e) => {
        delivered.push(e);
      },
    });

    // Act
    const matchedRules = bus.publish(documentEvent());
    await bus.settled();

    // Assess
    expect([matchedRules, delivered]).toEqual([[], []]);
  });

  it('returns from publishing before any target runs', async () => {
    // Prepare
    const bus = new LocalEventBus();
    let ran = false;
    bus.addRule({
      name: 'audit',
      eventPattern: { source: ['trust-center.documents'] },
      target: async () => {
        ran = true;
      },
    });

    // Act
    bus.publish(documentEvent());
    const ranDuringPublish = ran;
    await bus.settled();

    // Assess
    expect([ranDuringPublish, ran]).toEqual([false, true]);
  });

  it('records a failed delivery with its rule, event and error', async () => {
    // Prepare
    const bus = new LocalEventBus();
    const error = new Error('webhook endpoint down');
    bus.addRule({
      name: 'webhooks',
      eventPattern: { source: ['trust-center.documents'] },
      target: async () => {
        throw error;
      },
    });

    // Act
    bus.publish(documentEvent());
    await bus.settled();

    // Assess
    expect(bus.failures).toEqual([
      { rule: 'webhooks', event: documentEvent(), error, failedAt: expect.any(String) },
    ]);
  });

  it('keeps delivering to other rules when one target fails', async () => {
    // Prepare
    const bus = new LocalEventBus();
    const audit: string[] = [];
    bus.addRule({
      name: 'broken',
      eventPattern: { source: ['trust-center.documents'] },
      target: async () => {
        throw new Error('boom');
      },
    });
    bus.addRule({
      name: 'audit',
      eventPattern: { source: ['trust-center.documents'] },
      target: async (e) => {
        audit.push(e.id);
      },
    });

    // Act
    bus.publish(documentEvent());
    await bus.settled();

    // Assess
    expect(audit).toEqual(['evt-1']);
  });

  it('gives each target its own copy of the event', async () => {
    // Prepare
    const bus = new LocalEventBus();
    const seen: unknown[] = [];
    bus.addRule({
      name: 'mutating',
      eventPattern: { source: ['trust-center.documents'] },
      target: async (e) => {
        e.detail.tenant_id = 'changed';
      },
    });
    bus.addRule({
      name: 'reading',
      eventPattern: { source: ['trust-center.documents'] },
      target: async (e) => {
        seen.push(e.detail.tenant_id);
      },
    });

    // Act
    bus.publish(documentEvent());
    await bus.settled();

    // Assess
    expect(seen).toEqual(['org_1']);
  });

  it('replaces a rule added again under the same name', async () => {
    // Prepare
    const bus = new LocalEventBus();
    const delivered: string[] = [];
    bus.addRule({
      name: 'audit',
      eventPattern: { source: ['trust-center.documents'] },
      target: async () => {
        delivered.push('old');
      },
    });
    bus.addRule({
      name: 'audit',
      eventPattern: { source: ['trust-center.documents'] },
      target: async () => {
        delivered.push('new');
      },
    });

    // Act
    bus.publish(documentEvent());
    await bus.settled();

    // Assess
    expect(delivered).toEqual(['new']);
  });

  it('stops delivering to a removed rule', async () => {
    // Prepare
    const bus = new LocalEventBus();
    const delivered: string[] = [];
    bus.addRule({
      name: 'audit',
      eventPattern: { source: ['trust-center.documents'] },
      target: async (e) => {
        delivered.push(e.id);
      },
    });
    bus.removeRule('audit');

    // Act
    bus.publish(documentEvent());
    await bus.settled();

    // Assess
    expect(delivered).toEqual([]);
  });

  it('refuses a rule with a malformed pattern', () => {
    // Prepare
    const bus = new LocalEventBus();

    // Act
    const addRule = () =>
      bus.addRule({ name: 'bad', eventPattern: { source: 'not-a-list' }, target: async () => {} });

    // Assess
    expect(addRule).toThrow(InvalidEventPatternError);
  });
});
