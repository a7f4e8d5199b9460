import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { withEmptyMapsTyped } from '#infra/local/stream-image';
import { OUTBOX_INPUT_TEMPLATE, renderInputTemplate } from '#shared/events/bus';

// The shape DynamoDB Local 10.3.0 streams for an item holding `{m: {}, l: [], n: {x: {}}}` (checked
// against the jar): empty maps lose their type, empty lists keep theirs.
const localImage = {
  pk: { S: 'a' },
  l: { L: [] },
  m: {},
  n: { M: { x: {}, y: { L: [{}, { S: 'kept' }] } } },
};

describe('withEmptyMapsTyped: DynamoDB Local streams empty maps without their type', () => {
  it('gives every empty map back its M type, at any depth, and leaves the rest alone', () => {
    const record = withEmptyMapsTyped({ eventName: 'INSERT' as const, dynamodb: { NewImage: localImage } });
    expect(record.dynamodb?.NewImage).toEqual({
      pk: { S: 'a' },
      l: { L: [] },
      m: { M: {} },
      n: { M: { x: { M: {} }, y: { L: [{ M: {} }, { S: 'kept' }] } } },
    });
    expect(unmarshall(record.dynamodb?.NewImage ?? {})).toEqual({
      pk: 'a',
      l: [],
      m: {},
      n: { x: {}, y: [{}, 'kept'] },
    });
  });

  it('lets an outbox event whose data holds an empty map be read back, which stopped the relay before', () => {
    const event = {
      id: { S: 'evt_1' },
      type: { S: 'brand.updated' },
      tenant_id: { S: 't' },
      occurred_at: { S: '2026-11-30T00:00:00.000Z' },
      actor: { M: { type: { S: 'user' } } },
      data: { M: { translations: {} } },
    };
    const record = { eventName: 'INSERT' as const, dynamodb: { NewImage: { event: { M: event } } } };
    const detail = (before: unknown) =>
      renderInputTemplate(OUTBOX_INPUT_TEMPLATE, before) as {
        data: Parameters<typeof unmarshall>[0][string];
      };
    expect(() => unmarshall({ data: detail(record).data })).toThrow(/No value defined/);
    expect(unmarshall({ data: detail(withEmptyMapsTyped(record)).data })).toEqual({
      data: { translations: {} },
    });
  });

  it('returns a record without a new image unchanged', () => {
    const record = { eventName: 'REMOVE' as const };
    expect(withEmptyMapsTyped(record)).toBe(record);
  });
});
