import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { OUTBOX_KIND } from '#shared/data/outbox';
import type { DomainEvent } from '#shared/events/envelope';

/**
 * How an outbox item becomes a bus event: declared once, read by the CDK pipe (infra/constructs/outbox-pipe.ts)
 * and by the local relay (infra/local/outbox-relay.ts), which renders the same template over the same stream
 * records. Consumers read the result with `fromBusEvent`.
 */

/** The `source` of every event the platform publishes, on the bus and in rules. */
export const EVENT_SOURCE = 'trust-center';

/** Only new outbox items: entity changes and expiring (TTL) outbox items stay off the bus. */
export const OUTBOX_FILTER = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { kind: { S: [OUTBOX_KIND] } } },
};

const EVENT = '$.dynamodb.NewImage.event.M';

/** JSON paths into the stream record for the bus event's detail-type and time. */
export const OUTBOX_DETAIL_TYPE_PATH = `${EVENT}.type.S`;
export const OUTBOX_TIME_PATH = `${EVENT}.occurred_at.S`;

/**
 * The event's envelope fields become the bus event's detail (so rules match `detail.tenant_id`, and the
 * event type is the detail-type); `data` keeps DynamoDB's attribute-value form, since a pipe cannot
 * unmarshal a map of unknown shape. `fromBusEvent` unmarshals it.
 */
export const OUTBOX_INPUT_TEMPLATE = `{${[
  `"id": "<${EVENT}.id.S>"`,
  `"type": "<${EVENT}.type.S>"`,
  `"tenant_id": "<${EVENT}.tenant_id.S>"`,
  `"occurred_at": "<${EVENT}.occurred_at.S>"`,
  `"actor": <${EVENT}.actor>`,
  `"data": <${EVENT}.data>`,
].join(', ')}}`;

/** The value at a simple JSON path (`$.a.b.c`), as EventBridge Pipes resolves the paths this file uses. */
export function valueAtPath(record: unknown, path: string): unknown {
  if (!path.startsWith('$.')) throw new Error(`Not a JSON path: ${path}`);
  let node: unknown = record;
  for (const key of path.slice(2).split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Renders a Pipes input template over a record: a placeholder inside quotes takes a string's characters,
 * one outside quotes takes the JSON value. Missing values render as null, as in Pipes.
 */
export function renderInputTemplate(template: string, record: unknown): unknown {
  const rendered = template.replace(
    /("?)<(\$\.[^>]+)>("?)/g,
    (_match, open: string, path: string, close: string) => {
      const value = valueAtPath(record, path);
      if (open && close)
        return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(String(value ?? ''));
      return `${open}${JSON.stringify(value ?? null)}${close}`;
    },
  );
  return JSON.parse(rendered);
}

/** What a rule's target receives from EventBridge. */
export interface BusEvent {
  id: string;
  'detail-type': string;
  source: string;
  time: string;
  detail: Record<string, unknown>;
}

/** The domain event a consumer works with, back from the bus event the pipe (or the relay) published. */
export function fromBusEvent(busEvent: BusEvent): DomainEvent {
  const detail = busEvent.detail as Record<string, unknown> & {
    actor: AttributeValue;
    data: AttributeValue;
  };
  const { actor, data } = unmarshall({ actor: detail.actor, data: detail.data }) as {
    actor: DomainEvent['actor'];
    data: unknown;
  };
  return {
    id: String(detail.id),
    type: String(detail.type),
    tenant_id: String(detail.tenant_id),
    occurred_at: String(detail.occurred_at),
    actor,
    data,
  };
}
