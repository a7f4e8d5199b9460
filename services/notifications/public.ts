/**
 * What the notifications service offers other services (DESIGN.md, "Service boundaries"): the visitor's
 * side of subprocessor change notices, which the trust-center site (services/site) renders as forms, and
 * templated mail (per template and language, templates.ts) for the mails other services send visitors.
 */
export { subscribeBody } from '#services/notifications/schemas';
export { sendTemplatedEmail } from '#services/notifications/send';
export {
  confirmSubscription,
  subscribe,
  unsubscribe,
} from '#services/notifications/subprocessor-subscriptions';
