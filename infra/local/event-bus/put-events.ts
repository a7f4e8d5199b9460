import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent, LocalEventBus } from './bus.ts';

export interface PutEventsResultEntry {
  EventId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

export interface PutEventsResponse {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

/** A request-level failure, answered as an AWS JSON error (HTTP 400, `__type`). */
export class PutEventsRequestError extends Error {
  override readonly name = 'PutEventsRequestError';
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export interface EventOrigin {
  account: string;
  region: string;
  now?: () => Date;
}

const maxEntries = 10;
const maxRequestBytes = 256 * 1024;

/** Applies a PutEvents request body to the bus with the validation and the answer shape of AWS. */
export function putEvents(bus: LocalEventBus, request: unknown, origin: EventOrigin): PutEventsResponse {
  const entries = isRecord(request) ? request.Entries : undefined;
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > maxEntries) {
    throw new PutEventsRequestError(
      'ValidationException',
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${maxEntries}`,
    );
  }
  if (entries.reduce((total: number, entry: unknown) => total + entrySize(entry), 0) > maxRequestBytes) {
    throw new PutEventsRequestError(
      'ValidationException',
      'Total size of the entries in the request is over the limit.',
    );
  }
  const now = (origin.now ?? (() => new Date()))();
  const results = entries.map((entry: unknown): PutEventsResultEntry => {
    const event = toEvent(entry, origin, now);
    if ('ErrorCode' in event) return event;
    bus.publish(event);
    return { EventId: event.id };
  });
  return {
    FailedEntryCount: results.filter((result) => result.ErrorCode !== undefined).length,
    Entries: results,
  };
}

function toEvent(
  entry: unknown,
  origin: EventOrigin,
  now: Date,
): EventBridgeEvent | Required<Omit<PutEventsResultEntry, 'EventId'>> {
  if (!isRecord(entry)) return invalidArgument('Entry');
  const { Source, DetailType, Detail, Resources, Time } = entry;
  if (typeof Source !== 'string' || Source === '') return invalidArgument('Source');
  if (typeof DetailType !== 'string' || DetailType === '') return invalidArgument('DetailType');
  if (typeof Detail !== 'string' || Detail === '') return invalidArgument('Detail');
  const detail = parseDetail(Detail);
  if (detail === undefined) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  if (
    Resources !== undefined &&
    !(Array.isArray(Resources) && Resources.every((r) => typeof r === 'string'))
  ) {
    return invalidArgument('Resources');
  }
  const time = Time === undefined ? now : parseTime(Time);
  if (time === undefined) return invalidArgument('Time');
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': DetailType,
    source: Source,
    account: origin.account,
    // EventBridge stamps times to the second.
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: origin.region,
    resources: Resources ?? [],
    detail,
  };
}

function invalidArgument(parameter: string): Required<Omit<PutEventsResultEntry, 'EventId'>> {
  return {
    ErrorCode: 'InvalidArgument',
    ErrorMessage: `Parameter ${parameter} is not valid. Reason: ${parameter} is missing or malformed.`,
  };
}

function parseDetail(detail: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(detail);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

// The SDK sends timestamps as epoch seconds; the CLI and hand-written requests send ISO 8601.
function parseTime(time: unknown): Date | undefined {
  const date =
    typeof time === 'number' ? new Date(time * 1000) : typeof time === 'string' ? new Date(time) : undefined;
  return date !== undefined && !Number.isNaN(date.getTime()) ? date : undefined;
}

// The size EventBridge counts against its 256 KB limit, as its documentation defines it.
function entrySize(entry: unknown): number {
  if (!isRecord(entry)) return 0;
  const bytes = (value: unknown) => (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);
  const resources = Array.isArray(entry.Resources) ? entry.Resources : [];
  return (
    (entry.Time === undefined ? 0 : 14) +
    bytes(entry.Source) +
    bytes(entry.DetailType) +
    bytes(entry.Detail) +
    resources.reduce((total: number, resource: unknown) => total + bytes(resource), 0)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
