import { commitWithinQuota } from '#services/billing/public';
import { createDocument, defaultLanguageOf, planDocumentCreation } from '#services/documents/create-document';
import {
  type CreateDocumentBody,
  createDocumentBody,
  document,
  documentIdParams,
  type UpdateDocumentBody,
  updateDocumentBody,
} from '#services/documents/schemas';
import { type DocumentItem, findDocument } from '#services/documents/store';
import { planDocumentUpdate, updateDocument } from '#services/documents/update-document';
import { toDocumentView } from '#services/documents/view';
import type { Identity } from '#shared/auth/identity';
import { runBulk } from '#shared/http/bulk';
import type { BulkOutcome } from '#shared/http/bulk-results';
import { bulkRequestSchemas, bulkResponseSchemas } from '#shared/http/bulk-schemas';
import { DEFAULT_LANGUAGE } from '#shared/languages';

export const bulkDocumentSchemas = {
  ...bulkRequestSchemas('Document', {
    create: createDocumentBody,
    update: updateDocumentBody,
    id: documentIdParams.shape.id,
  }),
  ...bulkResponseSchemas('Document', 'document', document),
};

/** Creates and updates document metadata with the single routes' use cases, one by one or all in one transaction. */
export async function bulkDocuments(
  identity: Identity,
  request: { operations: readonly unknown[]; all_or_nothing: boolean },
  correlationId: string,
): Promise<BulkOutcome> {
  // Read once, and only for a request with a creation that names no language (checked again per operation).
  const namesNoLanguage = (operation: unknown) => {
    const { op, data } = (operation ?? {}) as { op?: unknown; data?: { language?: unknown } };
    return op === 'create' && data?.language === undefined;
  };
  const defaultLanguage = request.operations.some(namesNoLanguage)
    ? await defaultLanguageOf(identity.tenantId)
    : DEFAULT_LANGUAGE;
  return runBulk<CreateDocumentBody, UpdateDocumentBody, DocumentItem>(
    {
      viewKey: 'document',
      notFoundMessage: 'No such document',
      idOf: (item) => item.documentId,
      versionOf: (item) => item.version,
      view: toDocumentView,
      find: (id) => findDocument(identity.tenantId, id),
      create: (data) => createDocument(identity, data),
      update: (id, data, ifMatch) => updateDocument(identity, id, data, ifMatch),
      planCreation: (data, now) => planDocumentCreation(identity, data, now, defaultLanguage),
      planUpdate: (current, data, now) => planDocumentUpdate(identity, current, data, now),
      // One at a time, each create is guarded by itself; all at once, the plan must hold all of them.
      guardCreations: (creates, commit) => commitWithinQuota(identity.tenantId, 'documents', creates, commit),
    },
    bulkDocumentSchemas.operation,
    request,
    correlationId,
  );
}
