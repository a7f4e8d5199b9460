import type { CreateNdaBody } from '#services/access-requests/schemas';
import { currentNdaVersion, type NdaVersionItem, ndaVersions } from '#services/access-requests/store';
import { sha256Hex } from '#services/access-requests/tokens';
import { toNdaSummaryView } from '#services/access-requests/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asPut, commitWithEvents, WriteConflict } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';
import { ConflictError } from '#shared/http/errors';

const ATTEMPTS = 5;

/**
 * Publishes a new NDA version, numbered after the newest. Versions are never changed or deleted, so an
 * acceptance's version and SHA-256 always name the exact text that was accepted; the conditional create
 * makes two publishers racing for one number take turns.
 */
export async function createNda(
  identity: Identity,
  body: CreateNdaBody,
  now = new Date(),
): Promise<NdaVersionItem> {
  for (let attempt = 1; ; attempt++) {
    const newest = await currentNdaVersion(identity.tenantId);
    const item: NdaVersionItem = {
      tenantId: identity.tenantId,
      ndaVersion: (newest?.ndaVersion ?? 0) + 1,
      title: body.title,
      body: body.body,
      language: body.language,
      sha256: sha256Hex(body.body),
      createdBy: identity.principalId,
      createdAt: now.toISOString(),
    };
    try {
      await commitWithEvents(
        [asPut(ndaVersions.create(item).params({ table: config.tableName }))],
        [domainEvent('nda.created', identity, { nda: toNdaSummaryView(item) }, now)],
      );
      return item;
    } catch (error) {
      if (!(error instanceof WriteConflict)) throw error;
      if (attempt >= ATTEMPTS)
        throw new ConflictError('Another NDA version was published at the same time; retry');
    }
  }
}
