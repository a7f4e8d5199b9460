export {
  type DeliveryFailure,
  type EventBridgeEvent,
  type EventRule,
  type EventTarget,
  LocalEventBus,
  type LocalEventBusOptions,
} from './bus.ts';
export {
  compilePattern,
  type EventPatternMatcher,
  InvalidEventPatternError,
  matchesPattern,
  validatePattern,
} from './pattern.ts';
export {
  type EventOrigin,
  PutEventsRequestError,
  type PutEventsResponse,
  type PutEventsResultEntry,
  putEvents,
} from './put-events.ts';
export { type EventBusServer, startEventBusServer } from './server.ts';
