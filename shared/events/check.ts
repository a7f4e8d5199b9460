import { type BusEvent, EVENT_SOURCE, fromBusEvent } from '#shared/events/bus';
import type { EventDefinition } from '#shared/events/catalogue';

/** Why a published event breaks the catalogue (unknown type, data off its schema), or undefined if it does not. */
export function catalogueViolation(
  catalogue: readonly EventDefinition[],
  detail: Record<string, unknown>,
  detailType: string,
): string | undefined {
  const definition = catalogue.find((candidate) => candidate.type === detailType);
  if (!definition) return `${detailType} (${String(detail.id)}) is not in the event catalogue`;
  const busEvent: BusEvent = {
    id: String(detail.id),
    'detail-type': detailType,
    source: EVENT_SOURCE,
    time: '',
    detail,
  };
  const result = definition.data.safeParse(fromBusEvent(busEvent).data);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return `${detailType} (${String(detail.id)}) data does not match its schema at ${issue?.path.join('.') || '<root>'}: ${issue?.message}`;
}
