import { NO_RULES } from '#services/access-requests/auto-approval';
import type { AutoApprovalRules } from '#services/access-requests/schemas';
import {
  type AutoApprovalItem,
  autoApprovalSettings,
  findAutoApproval,
} from '#services/access-requests/store';
import { toAutoApprovalView } from '#services/access-requests/view';
import { requireScopes } from '#shared/auth/authority';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asPut, asUpdate, commitWithEvents, WriteConflict } from '#shared/data/outbox';
import { PreconditionFailedError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { checkIfMatch } from '#shared/http/etag';

/** Replaces the tenant's auto-approval rules as a whole (PUT); `If-Match` guards against lost updates. */
export async function putAutoApproval(
  identity: Identity,
  rules: AutoApprovalRules,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<AutoApprovalItem> {
  const { tenantId } = identity;
  // The rules approve on the caller's word, handing documents out: the same authority as approving.
  requireScopes(identity, ['documents:read'], 'Auto-approval hands out documents this caller may not read');
  const current = await findAutoApproval(tenantId);
  checkIfMatch(ifMatch, current?.version ?? 0);
  const next: AutoApprovalItem = {
    tenantId,
    allowedDomains: rules.allowed_domains,
    deniedDomains: rules.denied_domains,
    blockFreeMail: rules.block_free_mail,
    approveKnownAccountDomains: rules.approve_known_account_domains,
    approveMasterNdaAccounts: rules.approve_master_nda_accounts,
    grantDays: rules.grant_days,
    updatedAt: now.toISOString(),
    version: (current?.version ?? 0) + 1,
  };
  const table = { table: config.tableName };
  const { tenantId: _key, ...changes } = next;
  const write = current
    ? asUpdate(
        autoApprovalSettings
          .patch({ tenantId })
          .set(changes)
          .where(({ version }, { eq }) => eq(version, current.version))
          .params(table),
      )
    : asPut(autoApprovalSettings.create(next).params(table));
  const event = domainEvent(
    'access_request.auto_approval_updated',
    identity,
    { auto_approval: toAutoApprovalView(next, NO_RULES) },
    now,
  );
  try {
    await commitWithEvents([write], [event]);
  } catch (error) {
    if (error instanceof WriteConflict) throw new PreconditionFailedError();
    throw error;
  }
  return next;
}
