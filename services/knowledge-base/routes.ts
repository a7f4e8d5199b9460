import { createEntry } from '#services/knowledge-base/create-entry';
import { deleteEntry } from '#services/knowledge-base/delete-entry';
import {
  createEntryBody,
  entry,
  entryIdParams,
  listEntriesQuery,
  searchEntriesQuery,
  searchResponse,
  updateEntryBody,
} from '#services/knowledge-base/schemas';
import { searchKnowledgeBase } from '#services/knowledge-base/search-knowledge-base';
import { findEntry, listEntries } from '#services/knowledge-base/store';
import { updateEntry } from '#services/knowledge-base/update-entry';
import { toEntryView } from '#services/knowledge-base/view';
import { NotFoundError } from '#shared/errors';
import { errorBody } from '#shared/http/error-responses';
import { etagOf } from '#shared/http/etag';
import { listBody, listingOf, listSchema, openCursor, pageQuery } from '#shared/http/pagination';
import { callerOf, defineRoute } from '#shared/http/route';

const service = 'knowledge-base';
const tags = ['Knowledge base'];

export const knowledgeBaseRoutes = [
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/knowledge-base',
    operationId: 'listKnowledgeBaseEntries',
    summary: 'List knowledge base entries',
    tags,
    auth: 'tenant',
    scope: 'knowledge_base:read',
    request: { query: listEntriesQuery.extend(pageQuery) },
    responses: {
      200: {
        description: 'A page of entries, newest first',
        schema: listSchema('entries', entry),
      },
    },
    async handler({ identity, query }) {
      const { tenantId } = callerOf(identity);
      const listing = listingOf('listKnowledgeBaseEntries', tenantId, { query });
      const page = await listEntries(
        tenantId,
        { language: query.language, tag: query.tag },
        { limit: query.limit, position: await openCursor(listing, query.cursor) },
      );
      return {
        status: 200,
        body: await listBody('entries', listing, page.items.map(toEntryView), page.position),
      };
    },
  }),
  defineRoute({
    service,
    method: 'POST',
    path: '/api/v1/knowledge-base',
    operationId: 'createKnowledgeBaseEntry',
    summary: 'Create a knowledge base entry (a question and its answer)',
    tags,
    auth: 'tenant',
    scope: 'knowledge_base:write',
    request: { body: createEntryBody },
    responses: {
      201: { description: 'The entry was created', schema: entry },
      409: { description: 'The tenant already holds the maximum number of entries', schema: errorBody },
    },
    async handler({ identity, body }) {
      const item = await createEntry(callerOf(identity), body);
      return { status: 201, body: toEntryView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/knowledge-base/search',
    operationId: 'searchKnowledgeBase',
    summary: 'Search the knowledge base',
    description:
      'Full-text search over questions (weighted highest), tags and answers, best match first. ' +
      'Tolerates typos and matches word prefixes. Every word must match; when no entry holds them all, ' +
      'entries matching any word are returned.',
    tags,
    auth: 'tenant',
    scope: 'knowledge_base:read',
    request: { query: searchEntriesQuery },
    responses: { 200: { description: 'Matching entries, best first', schema: searchResponse } },
    async handler({ identity, query }) {
      const { tenantId } = callerOf(identity);
      const body = await searchKnowledgeBase(tenantId, {
        query: query.q,
        language: query.language,
        limit: query.limit,
      });
      return { status: 200, body };
    },
  }),
  defineRoute({
    service,
    method: 'GET',
    path: '/api/v1/knowledge-base/{id}',
    operationId: 'getKnowledgeBaseEntry',
    summary: 'Get a knowledge base entry',
    tags,
    auth: 'tenant',
    scope: 'knowledge_base:read',
    request: { params: entryIdParams },
    responses: { 200: { description: 'The entry', schema: entry } },
    async handler({ identity, params }) {
      const item = await findEntry(callerOf(identity).tenantId, params.id);
      if (!item) throw new NotFoundError('No such knowledge base entry', 'id');
      return { status: 200, body: toEntryView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'PATCH',
    path: '/api/v1/knowledge-base/{id}',
    operationId: 'updateKnowledgeBaseEntry',
    summary: 'Update a knowledge base entry',
    description:
      'Send `If-Match` with the ETag from a previous read to refuse the update (412) if the entry changed since.',
    tags,
    auth: 'tenant',
    scope: 'knowledge_base:write',
    request: { params: entryIdParams, body: updateEntryBody },
    responses: { 200: { description: 'The updated entry', schema: entry } },
    async handler({ identity, params, body, headers }) {
      const item = await updateEntry(callerOf(identity), params.id, body, headers['if-match']);
      return { status: 200, body: toEntryView(item), headers: { ETag: etagOf(item.version) } };
    },
  }),
  defineRoute({
    service,
    method: 'DELETE',
    path: '/api/v1/knowledge-base/{id}',
    operationId: 'deleteKnowledgeBaseEntry',
    summary: 'Delete a knowledge base entry',
    description: 'Send `If-Match` to refuse the deletion (412) if the entry changed since you read it.',
    tags,
    auth: 'tenant',
    scope: 'knowledge_base:write',
    request: { params: entryIdParams },
    responses: { 204: { description: 'The entry was deleted' } },
    async handler({ identity, params, headers }) {
      await deleteEntry(callerOf(identity), params.id, headers['if-match']);
      return { status: 204 };
    },
  }),
];
