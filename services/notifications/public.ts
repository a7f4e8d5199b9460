/**
 * What the notifications service offers other services (DESIGN.md, "Service boundaries"): the visitor's
 * side of subprocessor change notices, which the trust-center site (services/site) renders as forms.
 */
export { subscribeBody } from '#services/notifications/schemas';
export {
  confirmSubscription,
  subscribe,
  unsubscribe,
} from '#services/notifications/subprocessor-subscriptions';
