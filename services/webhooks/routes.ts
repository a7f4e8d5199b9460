import { createWebhook } from '#services/webhooks/create-webhook';
import { deleteWebhook } from '#services/webhooks/delete-webhook';
import { SIGNATURE_DESCRIPTION } from '#services/webhooks/payload';
import { pingWebhook } from '#services/webhooks/ping-webhook';
import { replayDelivery } from '#services/webhooks/replay-delivery';
import { MAX_ATTEMPTS } from '#services/webhooks/retry';
import { rotateWebhookSecret } from '#services/webhooks/rotate-webhook-secret';
import {
  createdWebhook,
  createWebhookBody,
  delivery,
  deliveryIdParams,
  listDeliveriesQuery,
  listWebhooksQuery,
  rotatedWebhookSecret,
  updateWebhookBody,
  webhook,
  webhookIdParams,
} from '#services/webhooks/schemas';
import { findDelivery, findWebhook, listDeliveries, listWebhooks } from '#services/webhooks/store';
import { updateWebhook } from '#services/webhooks/update-webhook';
import { toDeliveryView, toWebhookView } from '#services/webhooks/view';
import { NotFoundError } from '#shared/errors';
import { etagOf } from '#shared/http/etag';
import { listBody, listingOf, listSchema, openCursor } from '#shared/http/pagination';
import { callerOf, defineRoute } from '#shared/http/route';

const service = 'webhooks';
const tags = ['Webhooks'];

const RETRIES =
  `A delivery that does not get a 2xx within 10 s is retried with exponential backoff and jitter (about 30 s, ` +
  `2 min, 10 min, 1 h, 3 h, 6 h, 12 h: ${MAX_ATTEMPTS} attempts over about a day), then marked \`dead\`. Redirects ` +
  'are not followed. An endpoint failing 20 attempts in a row over at least 24 h is disabled (`webhook.disabled`).';

export const webhookRoutes = [
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/webhooks',
    operationId: 'listWebhooks',
    summary: 'List webhook endpoints (never their secrets)',
    tags,
    auth: 'tenant',
    scope: 'webhooks:read',
    request: { query: listWebhooksQuery },
    responses: {
      200: { description: 'A page of endpoints, oldest first', schema: listSchema('webhooks', webhook) },
    },
    async handler({ identity, query }) {
      const { tenantId } = callerOf(identity);
      const listing = listingOf('listWebhooks', tenantId, { query });
      const page = await listWebhooks(tenantId, {
        limit: query.limit,
        position: await openCursor(listing, query.cursor),
      });
      return {
        status: 200,
        body: await listBody('webhooks', listing, page.items.map(toWebhookView), page.position),
      };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/webhooks',
    operationId: 'createWebhook',
    summary: 'Register a webhook endpoint',
    description: `\`events\` lists event types of the catalogue (see the webhooks section) or \`*\`. The response carries the signing secret, this once. ${SIGNATURE_DESCRIPTION} ${RETRIES}`,
    tags,
    auth: 'tenant',
    scope: 'webhooks:write',
    request: { body: createWebhookBody },
    responses: { 201: { description: 'The endpoint, with its secret, this once', schema: createdWebhook } },
    async handler({ identity, body }) {
      const { item, secret } = await createWebhook(callerOf(identity), body);
      return {
        status: 201,
        body: { ...toWebhookView(item), secret },
        headers: { ETag: etagOf(item.version) },
      };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/webhooks/{id}',
    operationId: 'getWebhook',
    summary: 'Get a webhook endpoint (never its secret)',
    tags,
    auth: 'tenant',
    scope: 'webhooks:read',
    request: { params: webhookIdParams },
    responses: { 200: { description: 'The endpoint', schema: webhook } },
    async handler({ identity, params }) {
      const item = await findWebhook(callerOf(identity).tenantId, params.id);
      if (!item) throw new NotFoundError('No such webhook', 'id');
      return { status: 200, body: toWebhookView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'PATCH',
    path: '/api/v1/webhooks/{id}',
    operationId: 'updateWebhook',
    summary: 'Update a webhook endpoint',
    description:
      'Turning an endpoint back on (`enabled: true`) resets its failure count. Send `If-Match` with the ETag from a previous read to refuse the update (412) if it changed since.',
    tags,
    auth: 'tenant',
    scope: 'webhooks:write',
    request: { params: webhookIdParams, body: updateWebhookBody },
    responses: { 200: { description: 'The updated endpoint', schema: webhook } },
    async handler({ identity, params, body, headers }) {
      const item = await updateWebhook(callerOf(identity), params.id, body, headers['if-match']);
      return { status: 200, body: toWebhookView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'DELETE',
    path: '/api/v1/webhooks/{id}',
    operationId: 'deleteWebhook',
    summary: 'Delete a webhook endpoint',
    description:
      'Its pending retries are dropped. An `If-Match` header, when sent, must name the current version.',
    tags,
    auth: 'tenant',
    scope: 'webhooks:write',
    request: { params: webhookIdParams },
    responses: { 204: { description: 'The endpoint was deleted' } },
    async handler({ identity, params, headers }) {
      await deleteWebhook(callerOf(identity), params.id, headers['if-match']);
      return { status: 204 };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/webhooks/{id}/rotate-secret',
    operationId: 'rotateWebhookSecret',
    summary: 'Replace the signing secret of a webhook endpoint',
    description: 'Every later attempt, retries of earlier events included, is signed with the new secret.',
    tags,
    auth: 'tenant',
    scope: 'webhooks:write',
    request: { params: webhookIdParams },
    responses: { 200: { description: 'The new secret, this once', schema: rotatedWebhookSecret } },
    async handler({ identity, params, headers }) {
      const { item, secret } = await rotateWebhookSecret(callerOf(identity), params.id, headers['if-match']);
      return { status: 200, body: { id: item.webhookId, secret }, headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/webhooks/{id}/test',
    operationId: 'testWebhook',
    summary: 'Send a test ping to a webhook endpoint now',
    description:
      'Delivers a `webhook.ping` event to this endpoint only (even when it is disabled), once, without retries, and answers with the delivery: `succeeded` when the endpoint answered 2xx.',
    tags,
    auth: 'tenant',
    scope: 'webhooks:write',
    request: { params: webhookIdParams },
    responses: { 200: { description: 'How the ping went', schema: delivery } },
    async handler({ identity, params }) {
      const item = await pingWebhook(callerOf(identity), params.id);
      return { status: 200, body: toDeliveryView(item) };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/webhooks/{id}/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: "List a webhook endpoint's deliveries",
    description: `The delivery log, newest first, kept 30 days. ${RETRIES}`,
    tags,
    auth: 'tenant',
    scope: 'webhooks:read',
    request: { params: webhookIdParams, query: listDeliveriesQuery },
    responses: { 200: { description: 'A page of deliveries', schema: listSchema('deliveries', delivery) } },
    async handler({ identity, params, query }) {
      const { tenantId } = callerOf(identity);
      const listing = listingOf('listWebhookDeliveries', tenantId, { params, query });
      if (!(await findWebhook(tenantId, params.id))) throw new NotFoundError('No such webhook', 'id');
      const page = await listDeliveries(
        tenantId,
        params.id,
        { status: query.status },
        { limit: query.limit, position: await openCursor(listing, query.cursor) },
      );
      return {
        status: 200,
        body: await listBody('deliveries', listing, page.items.map(toDeliveryView), page.position),
      };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/webhooks/{id}/deliveries/{delivery_id}',
    operationId: 'getWebhookDelivery',
    summary: 'Get a webhook delivery',
    tags,
    auth: 'tenant',
    scope: 'webhooks:read',
    request: { params: deliveryIdParams },
    responses: { 200: { description: 'The delivery', schema: delivery } },
    async handler({ identity, params }) {
      const item = await findDelivery({
        tenantId: callerOf(identity).tenantId,
        webhookId: params.id,
        deliveryId: params.delivery_id,
      });
      if (!item) throw new NotFoundError('No such delivery', 'delivery_id');
      return { status: 200, body: toDeliveryView(item) };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/webhooks/{id}/deliveries/{delivery_id}/replay',
    operationId: 'replayWebhookDelivery',
    summary: 'Send a delivered event again',
    description:
      'Creates a new delivery of the same event (`replay_of` names the original; `webhook-id` stays the event id), attempts it now and retries it like any delivery if it fails.',
    tags,
    auth: 'tenant',
    scope: 'webhooks:write',
    request: { params: deliveryIdParams },
    responses: { 201: { description: 'The new delivery, after its first attempt', schema: delivery } },
    async handler({ identity, params }) {
      const item = await replayDelivery(callerOf(identity), params.id, params.delivery_id);
      return { status: 201, body: toDeliveryView(item) };
    },
  }),
];
