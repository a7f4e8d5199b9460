import { publicTrustCenter } from '#services/brand/public';
import { putNotificationSettings, toSettingsView } from '#services/notifications/notification-settings';
import { sendTestNotification } from '#services/notifications/notify';
import {
  listSubscriptionsQuery,
  notificationSettings,
  notificationSettingsBody,
  notificationTestResult,
  subscribeBody,
  subscription,
  subscriptionAccepted,
  subscriptionTokenBody,
} from '#services/notifications/schemas';
import { findNotificationSettings, listConfirmedSubscriptions } from '#services/notifications/store';
import {
  confirmSubscription,
  subscribe,
  toSubscriptionView,
  unsubscribe,
  type VisitorSource,
} from '#services/notifications/subprocessor-subscriptions';
import { etagOf } from '#shared/http/etag';
import { listBody, listingOf, listSchema, openCursor } from '#shared/http/pagination';
import { challengeQuery, issueChallenge, proofOfWorkChallenge } from '#shared/http/proof-of-work';
import { callerOf, defineRoute } from '#shared/http/route';

const service = 'notifications';
const tags = ['Notifications'];
const subscriptionTags = ['Subprocessors'];

const visitor = (request: {
  sourceIp: string;
  headers: Readonly<Record<string, string>>;
}): VisitorSource => ({
  ip: request.sourceIp,
  userAgent: request.headers['user-agent'],
  headers: request.headers,
});

export const notificationRoutes = [
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/notifications/settings',
    operationId: 'getNotificationSettings',
    summary: 'Get the notification settings',
    description:
      'Which events go to which channels. Slack and Teams webhook URLs are secrets and come back masked.',
    tags,
    auth: 'tenant',
    scope: 'notifications:read',
    responses: {
      200: { description: 'The settings (defaults when never set)', schema: notificationSettings },
    },
    async handler({ identity }) {
      const item = await findNotificationSettings(callerOf(identity).tenantId);
      return {
        status: 200,
        body: toSettingsView(item),
        headers: { ETag: etagOf(item?.version ?? 0) },
      };
    },
  }),
  defineRoute({
    service,
    method: 'PUT',
    path: '/api/v1/notifications/settings',
    operationId: 'putNotificationSettings',
    summary: 'Replace the notification settings',
    description:
      'Rules route an event type (`access_request.submitted`), every type of a resource (`access_request.*`) or every event (`*`) to channels. Webhook URLs are stored encrypted; send the masked value a read returned to keep a URL, `null` to remove it. Send `If-Match` to refuse the change (412) if the settings changed since they were read.',
    tags,
    auth: 'tenant',
    scope: 'notifications:write',
    request: { body: notificationSettingsBody },
    responses: { 200: { description: 'The settings as stored', schema: notificationSettings } },
    async handler({ identity, body, headers }) {
      const item = await putNotificationSettings(callerOf(identity), body, headers['if-match']);
      return { status: 200, body: toSettingsView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/notifications/test',
    operationId: 'testNotifications',
    summary: 'Send a test message to every configured channel',
    tags,
    auth: 'tenant',
    scope: 'notifications:write',
    responses: { 200: { description: 'What happened on each channel', schema: notificationTestResult } },
    async handler({ identity }) {
      return { status: 200, body: { results: await sendTestNotification(callerOf(identity).tenantId) } };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/subprocessors/subscriptions',
    operationId: 'listSubprocessorSubscriptions',
    summary: 'List the confirmed subscribers to subprocessor changes',
    tags: subscriptionTags,
    auth: 'tenant',
    scope: 'subprocessors:read',
    request: { query: listSubscriptionsQuery },
    responses: {
      200: {
        description: 'A page of confirmed subscriptions',
        schema: listSchema('subscriptions', subscription),
      },
    },
    async handler({ identity, query }) {
      const { tenantId } = callerOf(identity);
      const listing = listingOf('listSubprocessorSubscriptions', tenantId, { query });
      const page = await listConfirmedSubscriptions(tenantId, {
        limit: query.limit,
        position: await openCursor(listing, query.cursor),
      });
      return {
        status: 200,
        body: await listBody('subscriptions', listing, page.items.map(toSubscriptionView), page.position),
      };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/public/subprocessors/subscriptions/challenge',
    operationId: 'getSubprocessorSubscriptionChallenge',
    summary: 'Get a proof-of-work challenge for the subscription form',
    description:
      'Find a `nonce` such that SHA-256(challenge + nonce), as UTF-8, starts with `difficulty` zero bits, and send both as `pow` with the subscription. A challenge is signed, bound to the organization and to this form, expires after ten minutes and is accepted once.',
    tags: subscriptionTags,
    auth: 'public',
    request: { query: challengeQuery },
    responses: { 200: { description: 'A signed challenge', schema: proofOfWorkChallenge } },
    async handler({ query, headers }) {
      const { tenantId } = await publicTrustCenter(headers, query.org_id);
      return {
        status: 200,
        body: await issueChallenge(tenantId, 'subprocessor-subscription'),
        headers: { 'Cache-Control': 'no-store' },
      };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/public/subprocessors/subscriptions',
    operationId: 'subscribeToSubprocessorChanges',
    summary: 'Subscribe to subprocessor change notices',
    description:
      'Double opt-in: the address receives a confirmation link (valid 48 hours) and gets no notice until it is confirmed. The answer is the same whether or not the address was subscribed already. Needs a solved proof-of-work challenge from `GET /api/v1/public/subprocessors/subscriptions/challenge` (400 `pow` when missing, wrong, expired or reused). Limited per mailbox (lower-cased, without `+tag`, Gmail dots ignored), per source address and per trust center: past a limit the answer is 429 with `Retry-After`.',
    tags: subscriptionTags,
    auth: 'public',
    request: { body: subscribeBody },
    responses: { 202: { description: 'A confirmation mail is on its way', schema: subscriptionAccepted } },
    async handler(request) {
      await subscribe(request.body, visitor(request));
      return {
        status: 202,
        body: { status: 'pending', message: 'Check your inbox for a link that confirms the subscription.' },
      };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/public/subprocessors/subscriptions/confirm',
    operationId: 'confirmSubprocessorSubscription',
    summary: 'Confirm a subscription to subprocessor change notices',
    tags: subscriptionTags,
    auth: 'public',
    request: { body: subscriptionTokenBody },
    responses: { 200: { description: 'The subscription is confirmed', schema: subscriptionAccepted } },
    async handler(request) {
      await confirmSubscription(request.body.token, visitor(request));
      return {
        status: 200,
        body: { status: 'confirmed', message: 'You will be told of subprocessor changes.' },
      };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/public/subprocessors/subscriptions/unsubscribe',
    operationId: 'unsubscribeFromSubprocessorChanges',
    summary: 'Unsubscribe from subprocessor change notices',
    description: 'Takes the token every notice carries. The address is deleted.',
    tags: subscriptionTags,
    auth: 'public',
    request: { body: subscriptionTokenBody },
    responses: { 200: { description: 'The subscription has ended', schema: subscriptionAccepted } },
    async handler(request) {
      await unsubscribe(request.body.token, visitor(request));
      return { status: 200, body: { status: 'unsubscribed', message: 'You will get no more notices.' } };
    },
  }),
];
