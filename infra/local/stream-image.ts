import type { AttributeValue, _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';

/**
 * DynamoDB Local (checked with 10.3.0's jar) writes an empty map into its stream records as `{}` where
 * DynamoDB writes `{"M": {}}`; empty lists, strings and sets come through as DynamoDB writes them. An
 * attribute value with no type cannot be unmarshalled ("No value defined: {}"), so one event whose data
 * held an empty map (say `translations: {}`) stopped the local relay for good. This puts the type back,
 * at any depth of the record's new image, so the relay publishes what the EventBridge Pipe would in AWS.
 *
 * Returns a new record; the input is not changed.
 */
export function withEmptyMapsTyped(record: StreamRecord): StreamRecord {
  const image = record.dynamodb?.NewImage;
  if (!image) return record;
  return { ...record, dynamodb: { ...record.dynamodb, NewImage: typedMap(image) } };
}

function typedMap(map: Record<string, AttributeValue>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, typed(value)]));
}

function typed(value: AttributeValue): AttributeValue {
  if (Object.keys(value).length === 0) return { M: {} };
  if (value.M) return { M: typedMap(value.M) };
  if (value.L) return { L: value.L.map(typed) };
  return value;
}
