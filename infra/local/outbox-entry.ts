/**
 * The EventBridge Pipe's own work in the local relay (infra/constructs/outbox-pipe.ts): which stream records
 * its filter keeps, and the bus entry its input template renders from each.
 */
import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { compilePattern } from '#infra/local/event-bus/pattern';
import {
  EVENT_SOURCE,
  OUTBOX_DETAIL_TYPE_PATH,
  OUTBOX_FILTER,
  OUTBOX_INPUT_TEMPLATE,
  OUTBOX_TIME_PATH,
  renderInputTemplate,
  valueAtPath,
} from '#shared/events/bus';

/** Whether a stream record (its new image typed, see stream-image.ts) is an outbox item the pipe keeps. */
export const isOutboxRecord = compilePattern(OUTBOX_FILTER);

/** An outbox record as the pipe renders it: the event's detail and detail type, and the bus entry they make. */
export function outboxEvent(record: StreamRecord): {
  detail: Record<string, unknown>;
  detailType: string;
  entry: PutEventsRequestEntry;
} {
  const detail = renderInputTemplate(OUTBOX_INPUT_TEMPLATE, record) as Record<string, unknown>;
  const detailType = String(valueAtPath(record, OUTBOX_DETAIL_TYPE_PATH));
  return {
    detail,
    detailType,
    entry: {
      Source: EVENT_SOURCE,
      DetailType: detailType,
      Time: new Date(String(valueAtPath(record, OUTBOX_TIME_PATH))),
      Detail: JSON.stringify(detail),
    },
  };
}
