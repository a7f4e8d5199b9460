import type { GrantedDocumentView } from '#services/access-requests/schemas';
import {
  type AccessGrantItem,
  accessGrants,
  findGrant,
  findMagicLink,
  findVisitorSession,
  magicLinks,
  type VisitorSessionItem,
  visitorSessions,
} from '#services/access-requests/store';
import { newSessionToken, openTenantToken, SESSION_TOKEN_PREFIX } from '#services/access-requests/tokens';
import { recordDocumentDownload } from '#services/analytics/public';
import {
  currentVersion,
  type DocumentDownload,
  documentDownloadForViewer,
  findDocument,
} from '#services/documents/public';
import { organizationExists } from '#services/identity/public';
import { config } from '#shared/config';
import { sha256Hex } from '#shared/crypto/sha256-hex';
import { asPut, asUpdate, commitWithEvents, type TransactItem, WriteConflict } from '#shared/data/outbox';
import { epochSeconds } from '#shared/data/table';
import { AuthenticationError, NotFoundError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';

/** A visitor session lasts a working day, never beyond its grant. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

function earliest(...dates: Date[]): Date {
  return new Date(Math.min(...dates.map((date) => date.getTime())));
}

/** Whether a grant still gives access: it exists, has not expired and was not revoked. */
function isLive(grant: AccessGrantItem | null, now: Date): grant is AccessGrantItem {
  return grant !== null && !grant.revokedAt && new Date(grant.expiresAt) > now;
}

/**
 * Exchanges a magic link's token for a visitor session, once: the link is marked used in the same
 * transaction that creates the session, on the condition that it was not used before. Unknown, used and
 * expired links, links of an expired or revoked grant and of an organization pending deletion, get one
 * answer (`NotFoundError`, param `token`).
 */
export async function exchangeMagicLink(
  token: string,
  source: { ip: string; userAgent?: string },
  now = new Date(),
): Promise<{ sessionToken: string; session: VisitorSessionItem; grant: AccessGrantItem }> {
  const invalid = new NotFoundError('This link is invalid, has been used or has expired', 'token');
  const opened = openTenantToken(token);
  if (!opened) throw invalid;
  const { tenantId } = opened;
  const link = await findMagicLink(tenantId, opened.hash);
  if (!link || link.usedAt || new Date(link.expiresAt) <= now) throw invalid;
  const grant = await findGrant(tenantId, link.grantId);
  if (!isLive(grant, now)) throw invalid;
  // An organization pending deletion hands out no credential, a visitor's session included.
  if (!(await organizationExists(tenantId))) throw invalid;

  const sessionToken = newSessionToken(tenantId);
  const expiresAt = earliest(new Date(now.getTime() + SESSION_TTL_SECONDS * 1000), new Date(grant.expiresAt));
  const session: VisitorSessionItem = {
    tenantId,
    sessionHash: sha256Hex(sessionToken),
    grantId: grant.grantId,
    requestId: grant.requestId,
    email: grant.email,
    expiresAt: expiresAt.toISOString(),
    createdAt: now.toISOString(),
    ttl: epochSeconds(expiresAt),
  };
  const table = { table: config.tableName };
  const used = magicLinks
    .patch({ tenantId, tokenHash: opened.hash })
    .set({ usedAt: now.toISOString() })
    .where(({ usedAt }, { notExists }) => notExists(usedAt))
    .params(table);
  const event = domainEvent(
    'access.session_started',
    { tenantId, system: 'magic-link', source },
    {
      session: {
        grant_id: grant.grantId,
        access_request_id: grant.requestId,
        email: grant.email,
        expires_at: session.expiresAt,
      },
    },
    now,
  );
  // The grant's revocation and this exchange serialize on the grant item: a session never outlives a revoke.
  const grantStillLive = {
    ConditionCheck: {
      ...(accessGrants.get({ tenantId, grantId: grant.grantId }).params(table) as {
        Key: Record<string, string>;
      }),
      TableName: config.tableName,
      ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(#revokedAt)',
      ExpressionAttributeNames: { '#pk': 'pk', '#revokedAt': 'revokedAt' },
    },
  } as TransactItem;
  try {
    await commitWithEvents(
      [asUpdate(used), asPut(visitorSessions.create(session).params(table)), grantStillLive],
      [event],
    );
  } catch (error) {
    if (error instanceof WriteConflict) throw invalid;
    throw error;
  }
  return { sessionToken, session, grant };
}

/**
 * The session and grant behind `Authorization: Bearer vs_…`. Public routes skip the authorizer, so the
 * visitor routes check their own bearer: a live session on a live grant (not expired, not revoked) of an
 * organization not pending deletion, read on every request so that a revocation ends the session at once;
 * else `AuthenticationError` (401).
 */
export async function visitorOf(
  authorization: string | undefined,
  now = new Date(),
): Promise<{ session: VisitorSessionItem; grant: AccessGrantItem }> {
  const unauthenticated = new AuthenticationError('Missing, invalid or expired visitor session');
  const match = authorization?.match(/^Bearer\s+(\S+)$/i);
  const opened = match?.[1] ? openTenantToken(match[1], SESSION_TOKEN_PREFIX) : null;
  if (!opened) throw unauthenticated;
  const session = await findVisitorSession(opened.tenantId, opened.hash);
  if (!session || new Date(session.expiresAt) <= now) throw unauthenticated;
  const [grant, open] = await Promise.all([
    findGrant(opened.tenantId, session.grantId),
    organizationExists(opened.tenantId),
  ]);
  // A session of an organization pending deletion stops with the organization's other credentials.
  if (!isLive(grant, now) || !open) throw unauthenticated;
  return { session, grant };
}

/** The granted documents that still exist, in the order they were requested. */
export async function grantedDocuments(grant: AccessGrantItem): Promise<GrantedDocumentView[]> {
  const items = await Promise.all(grant.documentIds.map((id) => findDocument(grant.tenantId, id)));
  return items.flatMap((item) =>
    item
      ? [
          {
            id: item.documentId,
            title: item.title,
            description: item.description ?? null,
            access_level: item.accessLevel as GrantedDocumentView['access_level'],
            content_type: currentVersion(item)?.contentType ?? null,
          },
        ]
      : [],
  );
}

/**
 * A short-lived download link for a granted document, watermarked with the visitor's email when the
 * document is restricted or NDA-gated. A document outside the grant is a 404, like one that does not exist.
 */
export async function grantedDownload(
  visitor: { session: VisitorSessionItem; grant: AccessGrantItem },
  documentId: string,
  now = new Date(),
): Promise<DocumentDownload> {
  if (!visitor.grant.documentIds.includes(documentId)) throw new NotFoundError('No such document', 'id');
  const { tenantId, accountId, requestId } = visitor.grant;
  const download = await documentDownloadForViewer(tenantId, documentId, {
    viewer: visitor.session.email,
    now,
  });
  // Every granted file served, by the site or the visitor API, counts once (issue 15).
  await recordDocumentDownload({
    tenantId,
    documentId,
    kind: 'granted',
    accountId,
    accessRequestId: requestId,
  });
  return download;
}
