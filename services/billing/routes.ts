import * as z from 'zod';
import { markInvoicePaid, voidInvoice } from '#services/billing/invoice-status';
import { toInvoiceView } from '#services/billing/invoice-view';
import {
  invoice,
  invoiceIdParams,
  orgIdParams,
  subscription,
  updateSubscriptionBody,
  usage,
} from '#services/billing/schemas';
import { findInvoice, listInvoices } from '#services/billing/store';
import { readSubscription, updateSubscription } from '#services/billing/subscription';
import { readUsage } from '#services/billing/usage';
import { addressableOrganization } from '#services/identity/public';
import { NotFoundError } from '#shared/errors';
import { errorBody } from '#shared/http/error-responses';
import { etagOf } from '#shared/http/etag';
import {
  countAll,
  listingOf,
  offsetListBody,
  offsetListSchema,
  offsetPageQuery,
  readOffsetPage,
} from '#shared/http/pagination';
import { callerOf, defineRoute } from '#shared/http/route';

const service = 'billing';
const tags = ['Billing'];

/** Seed 4's billing paths: members of the organization (with the scope) or any platform operator. */
export const billingRoutes = [
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/organizations/{org_id}/subscription',
    operationId: 'getSubscription',
    summary: "Get the organization's subscription",
    description:
      'The plan with its price, limits and features (from the deployment’s `planTiers`), the billing cycle (the calendar month, UTC), the billing email and auto-renewal.',
    tags,
    auth: 'tenant',
    scope: 'organization:read',
    request: { params: orgIdParams },
    responses: { 200: { description: 'The subscription', schema: subscription } },
    async handler({ identity, params }) {
      const organization = await addressableOrganization(callerOf(identity), params.org_id);
      const { view, version } = await readSubscription(organization);
      return { status: 200, body: view, headers: { ETag: etagOf(version) } };
    },
  }),
  defineRoute({
    service,
    method: 'PATCH',
    path: '/api/v1/organizations/{org_id}/subscription',
    operationId: 'updateSubscription',
    summary: "Change the organization's plan, billing email or auto-renewal",
    description:
      'A plan change moves every meter of the organization (its people’s shared usage key and every API key’s) to the new tier at once: the next response’s `X-RateLimit-Limit` shows the new burst. A downgrade the organization does not fit (more members, documents, stored bytes or custom domains than the new plan allows) is refused with 409 naming each limit that is over, and nothing changes. Send `If-Match` with the ETag of a read to refuse the change (412) if the subscription changed since. Emits `subscription.updated`.',
    tags,
    auth: 'tenant',
    scope: 'organization:write',
    request: { params: orgIdParams, body: updateSubscriptionBody },
    responses: {
      200: { description: 'The subscription as it is now', schema: subscription },
      409: {
        description: 'The organization does not fit the plan; the message names what is over',
        schema: errorBody,
      },
    },
    async handler({ identity, params, body, headers }) {
      const actor = callerOf(identity);
      const organization = await addressableOrganization(actor, params.org_id);
      const { view, version } = await updateSubscription(actor, organization, body, {
        ifMatch: headers['if-match'],
      });
      return { status: 200, body: view, headers: { ETag: etagOf(version) } };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/organizations/{org_id}/invoices',
    operationId: 'listInvoices',
    summary: "List the organization's invoices",
    description:
      'Newest month first, by cursor or by offset (seed 4). Each `pdf_url` is a link to the invoice’s PDF valid for 5 minutes.',
    tags,
    auth: 'tenant',
    scope: 'organization:read',
    request: { params: orgIdParams, query: z.object(offsetPageQuery) },
    responses: {
      200: {
        description: 'A page of invoices and how many there are',
        schema: offsetListSchema('invoices', invoice),
      },
    },
    async handler({ identity, params, query }) {
      const actor = callerOf(identity);
      const { orgId } = await addressableOrganization(actor, params.org_id);
      const listing = listingOf('listInvoices', actor.tenantId, { params, query });
      const read = (page: { limit: number; position: string | null }) => listInvoices(orgId, page);
      const [page, total] = await Promise.all([readOffsetPage(listing, query, read), countAll(read)]);
      const views = await Promise.all(page.items.map(toInvoiceView));
      return {
        status: 200,
        body: await offsetListBody(
          'invoices',
          listing,
          { ...page, items: views },
          { limit: query.limit, total },
        ),
      };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/organizations/{org_id}/invoices/{invoice_id}',
    operationId: 'getInvoice',
    summary: 'Get an invoice',
    tags,
    auth: 'tenant',
    scope: 'organization:read',
    request: { params: invoiceIdParams },
    responses: {
      200: { description: 'The invoice, with a fresh 5-minute link to its PDF', schema: invoice },
    },
    async handler({ identity, params }) {
      const { orgId } = await addressableOrganization(callerOf(identity), params.org_id);
      const item = await findInvoice(orgId, params.invoice_id);
      if (!item) throw new NotFoundError('No such invoice', 'invoice_id');
      return { status: 200, body: await toInvoiceView(item) };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/organizations/{org_id}/invoices/{invoice_id}/mark-paid',
    operationId: 'markInvoicePaid',
    summary: 'Mark an open invoice paid (operators)',
    description:
      'No payment provider is built in (see the README, Billing): an operator records a payment received. 409 unless the invoice is `open`. Emits `invoice.paid`.',
    tags,
    auth: 'operator',
    scope: 'organization:write',
    request: { params: invoiceIdParams },
    responses: { 200: { description: 'The invoice, now paid', schema: invoice } },
    async handler({ identity, params }) {
      const actor = callerOf(identity);
      const { orgId } = await addressableOrganization(actor, params.org_id);
      return {
        status: 200,
        body: await toInvoiceView(await markInvoicePaid(actor, orgId, params.invoice_id)),
      };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/organizations/{org_id}/invoices/{invoice_id}/void',
    operationId: 'voidInvoice',
    summary: 'Void an open invoice (operators)',
    description: 'The invoice is no longer owed. 409 unless it is `open`. Emits `invoice.voided`.',
    tags,
    auth: 'operator',
    scope: 'organization:write',
    request: { params: invoiceIdParams },
    responses: { 200: { description: 'The invoice, now void', schema: invoice } },
    async handler({ identity, params }) {
      const actor = callerOf(identity);
      const { orgId } = await addressableOrganization(actor, params.org_id);
      return { status: 200, body: await toInvoiceView(await voidInvoice(actor, orgId, params.invoice_id)) };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/organizations/{org_id}/usage',
    operationId: 'getUsage',
    summary: "Get the organization's usage and quotas",
    description:
      'This month’s API requests as API Gateway’s usage plans counted them (GetUsage over the organization’s usage keys: its people’s shared key and each live API key’s; locally the gateway’s limiter counts the same way; in AWS the counts may lag a few minutes), and members, documents, stored bytes (documents’ versions and certificate files, kept current on every upload and delete) and custom domains against the plan’s limits.',
    tags,
    auth: 'tenant',
    scope: 'organization:read',
    request: { params: orgIdParams },
    responses: { 200: { description: 'Usage and quotas', schema: usage } },
    async handler({ identity, params }) {
      const { orgId } = await addressableOrganization(callerOf(identity), params.org_id);
      return { status: 200, body: await readUsage(orgId) };
    },
  }),
];
