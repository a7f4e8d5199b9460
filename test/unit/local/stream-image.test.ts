import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { withEmptyMapsTyped } from '#infra/local/stream-image';
import { OUTBOX_INPUT_TEMPLATE, renderInputTemplate } from '#shared/events/bus';

/** Fixtures are written as JSON; the SDK's union type for attribute values does not accept `{}`. */
const streamRecord = (value: unknown) => value as StreamRecord;

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
    const record = withEmptyMapsTyped(
      streamRecord({ eventName: 'INSERT', dynamodb: { NewImage: localImage } }),
    );
    expect(record.dynamodb?.NewImage).toEqual({
      pk: { S: 'a' },
      l: { L: [] },
      m: { M: {} },
      n: { M: { x: { M: {} }, y: { L: [{ M: {} }, { S: 'kept' }] } } },
    });
    expect(unmarshall((record.dynamodb?.NewImage ?? {}) as Parameters<typeof unmarshall>[0])).toEqual({
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
    const record = streamRecord({ eventName: 'INSERT', dynamodb: { NewImage: { event: { M: event } } } });
    const detail = (before: unknown) => renderInputTemplate(OUTBOX_INPUT_TEMPLATE, before) as { data: never };
    expect(() => unmarshall({ data: detail(record).data })).toThrow(/No value defined/);
    expect(unmarshall({ data: detail(withEmptyMapsTyped(record)).data })).toEqual({
      data: { translations: {} },
    });
  });

  it('returns a record without a new image unchanged', () => {
    const record = streamRecord({ eventName: 'REMOVE' });
    expect(withEmptyMapsTyped(record)).toBe(record);
  });
});
