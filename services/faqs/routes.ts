import { createFaq } from '#services/faqs/create-faq';
import { deleteFaq } from '#services/faqs/delete-faq';
import { createFaqBody, faq, faqIdParams, listFaqsQuery, updateFaqBody } from '#services/faqs/schemas';
import { findFaq, listFaqs } from '#services/faqs/store';
import { updateFaq } from '#services/faqs/update-faq';
import { toFaqView } from '#services/faqs/view';
import { NotFoundError } from '#shared/errors';
import { etagOf } from '#shared/http/etag';
import { listBody, listingOf, listSchema, openCursor } from '#shared/http/pagination';
import { callerOf, defineRoute } from '#shared/http/route';

const service = 'faqs';
const tags = ['FAQs'];

export const faqRoutes = [
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/faqs',
    operationId: 'listFaqs',
    summary: 'List FAQs',
    tags,
    auth: 'tenant',
    scope: 'faqs:read',
    request: { query: listFaqsQuery },
    responses: {
      200: { description: 'A page of FAQs, by position, then creation', schema: listSchema('faqs', faq) },
    },
    async handler({ identity, query }) {
      const { tenantId } = callerOf(identity);
      const listing = listingOf('listFaqs', tenantId, { query });
      const page = await listFaqs(
        tenantId,
        { language: query.language, category: query.category, published: query.published },
        { limit: query.limit, position: await openCursor(listing, query.cursor) },
      );
      return {
        status: 200,
        body: await listBody('faqs', listing, page.items.map(toFaqView), page.position),
      };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/faqs',
    operationId: 'createFaq',
    summary: 'Add an FAQ',
    description: 'Without a `position`, the new FAQ goes after every other one.',
    tags,
    auth: 'tenant',
    scope: 'faqs:write',
    request: { body: createFaqBody },
    responses: { 201: { description: 'The FAQ was added', schema: faq } },
    async handler({ identity, body }) {
      const item = await createFaq(callerOf(identity), body);
      return { status: 201, body: toFaqView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/faqs/{id}',
    operationId: 'getFaq',
    summary: 'Get an FAQ',
    tags,
    auth: 'tenant',
    scope: 'faqs:read',
    request: { params: faqIdParams },
    responses: { 200: { description: 'The FAQ', schema: faq } },
    async handler({ identity, params }) {
      const item = await findFaq(callerOf(identity).tenantId, params.id);
      if (!item) throw new NotFoundError('No such FAQ', 'id');
      return { status: 200, body: toFaqView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'PATCH',
    path: '/api/v1/faqs/{id}',
    operationId: 'updateFaq',
    summary: 'Update an FAQ',
    description:
      'Send `If-Match` with the ETag from a previous read to refuse the update (412) if the FAQ changed since.',
    tags,
    auth: 'tenant',
    scope: 'faqs:write',
    request: { params: faqIdParams, body: updateFaqBody },
    responses: { 200: { description: 'The updated FAQ', schema: faq } },
    async handler({ identity, params, body, headers }) {
      const item = await updateFaq(callerOf(identity), params.id, body, headers['if-match']);
      return { status: 200, body: toFaqView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'DELETE',
    path: '/api/v1/faqs/{id}',
    operationId: 'deleteFaq',
    summary: 'Delete an FAQ',
    description: 'An `If-Match` header, when sent, must name the current version (else 412).',
    tags,
    auth: 'tenant',
    scope: 'faqs:write',
    request: { params: faqIdParams },
    responses: { 204: { description: 'The FAQ was deleted' } },
    async handler({ identity, params, headers }) {
      await deleteFaq(callerOf(identity), params.id, headers['if-match']);
      return { status: 204 };
    },
  }),
];
