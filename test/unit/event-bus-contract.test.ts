import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { outboxItem } from '#shared/data/outbox';
import {
  type BusEvent,
  EVENT_SOURCE,
  fromBusEvent,
  OUTBOX_DETAIL_TYPE_PATH,
  OUTBOX_INPUT_TEMPLATE,
  renderInputTemplate,
  valueAtPath,
} from '#shared/events/bus';
import type { DomainEvent } from '#shared/events/envelope';

const event: DomainEvent = {
  id: 'evt_01JTESTTESTTESTTESTTESTTES',
  type: 'account.updated',
  tenant_id: 'org_01JTESTTESTTESTTESTTESTTES',
  occurred_at: '2026-11-23T10:00:00.000Z',
  actor: { type: 'user', id: 'usr_1', ip: '203.0.113.9', user_agent: 'curl/8 "quoted" \\ back' },
  data: {
    account: {
      id: 'acc_1',
      title: 'Ümlaut "Acme" <AG>',
      tags: ['a', 'b'],
      seats: 3,
      active: true,
      parent: null,
    },
    changed: ['title'],
  },
};

/** A DynamoDB stream record of the outbox item, as the pipe and the local relay read it. */
function streamRecord(domainEvent: DomainEvent) {
  return {
    eventName: 'INSERT',
    dynamodb: {
      NewImage: marshall(outboxItem(domainEvent), { removeUndefinedValues: true }),
      SequenceNumber: '100',
    },
  };
}

describe('the outbox-to-bus contract', () => {
  it('renders the pipe template into the envelope, and fromBusEvent restores the event exactly', () => {
    const record = streamRecord(event);
    const detail = renderInputTemplate(OUTBOX_INPUT_TEMPLATE, record) as Record<string, unknown>;
    const busEvent: BusEvent = {
      id: 'bus-1',
      'detail-type': String(valueAtPath(record, OUTBOX_DETAIL_TYPE_PATH)),
      source: EVENT_SOURCE,
      time: event.occurred_at,
      detail,
    };

    expect(busEvent['detail-type']).toBe('account.updated');
    expect(detail).toMatchObject({ id: event.id, type: event.type, tenant_id: event.tenant_id });
    expect(fromBusEvent(busEvent)).toEqual(event);
  });

  it('escapes strings placed inside quotes', () => {
    const rendered = renderInputTemplate('{"a": "<$.x.S>"}', { x: { S: 'say "hi"\n\\' } });
    expect(rendered).toEqual({ a: 'say "hi"\n\\' });
  });

  it('renders a missing value as null, as Pipes does', () => {
    expect(renderInputTemplate('{"a": <$.missing.M>}', {})).toEqual({ a: null });
  });

  it('refuses a path that is not a JSON path', () => {
    expect(() => valueAtPath({}, 'x.y')).toThrow(/Not a JSON path/);
  });
});
