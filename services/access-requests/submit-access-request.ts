import { AUTO_DECISION_ACTOR } from '#services/access-requests/access-mailer';
import { accountOfDomain } from '#services/access-requests/account-lookup';
import { decide, emailDomainOf, NO_RULES } from '#services/access-requests/auto-approval';
import { documentSummaries, planGrant, requestedDocuments } from '#services/access-requests/grants';
import { type NdaRecordItem, type NdaVersionRef, ndaRecords } from '#services/access-requests/nda-store';
import { ndaToAccept } from '#services/access-requests/ndas';
import { publicTenant, trustCenterLanguage } from '#services/access-requests/public-tenant';
import type { ReviewStatus, SubmitAccessRequestBody } from '#services/access-requests/schemas';
import { type AccessRequestItem, accessRequests, findAutoApproval } from '#services/access-requests/store';
import { toAccessRequestView, toGrantView, toNdaRecordView, toRules } from '#services/access-requests/view';
import { config } from '#shared/config';
import { asPut, commitWithEvents, type TransactItem, WriteConflict } from '#shared/data/outbox';
import { ValidationError } from '#shared/errors';
import { type DomainEvent, domainEvent } from '#shared/events/envelope';
import { challengeReused, spendChallengeWrite, verifyProofOfWork } from '#shared/http/proof-of-work';
import { consumeLimits, formMeters } from '#shared/http/rate-limit';
import { newId } from '#shared/ids';
import { logger } from '#shared/observability/logger';

/** Who submitted: the visitor's network address and browser, as the gateway saw them. */
export interface VisitorSource {
  ip: string;
  userAgent?: string;
  /** The request's headers, which name the trust center by its host. */
  headers?: Readonly<Record<string, string>>;
}

export interface SubmittedRequest {
  id: string;
  review_status: ReviewStatus;
  created_at: string;
}

const FORM = 'access-request-form';
const RULES = AUTO_DECISION_ACTOR;

/**
 * The NDA text this submission accepts, or null when it accepts none. There is always one to accept: the
 * platform default stands in while the tenant has published no NDA (ndas.ts, `ndaToAccept`).
 */
async function acceptedNda(
  tenantId: string,
  body: SubmitAccessRequestBody,
  needsNda: boolean,
): Promise<{ version: NdaVersionRef; sha256: string } | null> {
  if (!body.nda_accepted) {
    if (needsNda) {
      throw new ValidationError('The requested documents require accepting the NDA', 'nda_accepted');
    }
    return null;
  }
  return ndaToAccept(tenantId, body.nda_version, body.language);
}

/**
 * A visitor's request for documents, from the public form: proof of work first, then the limits on
 * public forms (RateLimitError, 429), then the honeypot, then the request itself, decided by the tenant's auto-approval rules. The request, its NDA acceptance record,
 * a grant when a rule approves, the spent challenge and the events are committed in one transaction.
 */
export async function submitAccessRequest(
  body: SubmitAccessRequestBody,
  source: VisitorSource,
  now = new Date(),
): Promise<SubmittedRequest> {
  const { tenantId } = await publicTenant(source.headers ?? {}, body.org_id);
  const pow = await verifyProofOfWork(tenantId, 'access-request', body.pow, now);
  // Every request can end in a mail (to the visitor, to the tenant's reviewers): counted per source,
  // per recipient and per tenant before anything else happens, a bot's included.
  await consumeLimits(tenantId, formMeters('access_request', body.email, source.ip), now);
  const createdAt = now.toISOString();

  // A bot that fills the hidden field gets the answer a person would, and nothing is kept: telling it
  // apart would only teach it to leave the field empty.
  if (body.website !== undefined && body.website.trim() !== '') {
    logger.info('Access request dropped by the honeypot', { tenant_id: tenantId });
    return { id: newId('accessRequest'), review_status: 'to_review', created_at: createdAt };
  }

  const documentIds = [...new Set(body.document_ids)];
  const documents = await requestedDocuments(tenantId, documentIds);
  const nda = await acceptedNda(
    tenantId,
    body,
    documents.some((document) => document.accessLevel === 'requires_nda'),
  );
  const domain = emailDomainOf(body.email);
  const [settings, account, language] = await Promise.all([
    findAutoApproval(tenantId),
    accountOfDomain(tenantId, domain),
    body.language ?? trustCenterLanguage(tenantId),
  ]);
  const rules = toRules(settings, NO_RULES);
  const decision = decide(rules, body.email, account);

  const requestId = newId('accessRequest');
  const userAgent = source.userAgent?.slice(0, 512);
  const record: NdaRecordItem | null = nda && {
    tenantId,
    recordId: newId('ndaRecord'),
    ndaVersion: nda.version,
    ndaSha256: nda.sha256,
    signerName: body.name,
    signerEmail: body.email,
    signerDomain: domain,
    signerCompany: body.company,
    ip: source.ip,
    userAgent,
    acceptedAt: createdAt,
    requestId,
    accountId: account?.accountId,
    accountKey: account?.accountId ?? '-',
  };
  const approved =
    decision.outcome === 'approved'
      ? planGrant(
          { tenantId, requestId, email: body.email, documentIds, accountId: account?.accountId },
          rules.grant_days,
          now,
        )
      : null;
  const reviewStatus: ReviewStatus = decision.outcome === 'manual' ? 'to_review' : decision.outcome;
  const item: AccessRequestItem = {
    tenantId,
    requestId,
    name: body.name,
    email: body.email,
    emailDomain: domain,
    company: body.company,
    message: body.message || undefined,
    language,
    documentIds,
    ndaAccepted: body.nda_accepted,
    ndaVersion: nda?.version,
    ndaRecordId: record?.recordId,
    reviewStatus,
    decisionOutcome: decision.outcome,
    decisionRule: decision.rule,
    accountId: account?.accountId,
    reviewedBy: decision.outcome === 'manual' ? undefined : 'system',
    reviewedAt: decision.outcome === 'manual' ? undefined : createdAt,
    grantId: approved?.grant.grantId,
    grantExpiresAt: approved?.grant.expiresAt,
    ip: source.ip,
    userAgent,
    createdAt,
    updatedAt: createdAt,
    version: 1,
  };

  const table = { table: config.tableName };
  const spent = spendChallengeWrite(tenantId, pow, now);
  const writes: TransactItem[] = [spent, asPut(accessRequests.create(item).params(table))];
  const view = toAccessRequestView(item);
  const events: DomainEvent[] = [
    domainEvent(
      'access_request.submitted',
      { tenantId, system: FORM, source },
      { access_request: view },
      now,
    ),
  ];
  if (record) {
    writes.push(asPut(ndaRecords.create(record).params(table)));
    events.push(
      domainEvent(
        'nda.accepted',
        { tenantId, system: FORM, source },
        { nda_record: toNdaRecordView(record) },
        now,
      ),
    );
  }
  if (approved) {
    writes.push(approved.write);
    const grant = toGrantView(approved.grant);
    events.push(
      domainEvent(
        'access_request.approved',
        { tenantId, system: RULES },
        { access_request: view, grant },
        now,
      ),
      domainEvent(
        'access.granted',
        { tenantId, system: RULES },
        {
          grant,
          ...(account ? { account: { id: account.accountId } } : {}),
          documents: documentSummaries(documents),
        },
        now,
      ),
    );
  } else if (decision.outcome === 'rejected') {
    events.push(
      domainEvent('access_request.rejected', { tenantId, system: RULES }, { access_request: view }, now),
    );
  }

  try {
    await commitWithEvents(writes, events);
  } catch (error) {
    if (error instanceof WriteConflict && error.failedIndexes.includes(0)) {
      throw challengeReused();
    }
    throw error;
  }
  return { id: requestId, review_status: reviewStatus, created_at: createdAt };
}
