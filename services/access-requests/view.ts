import type { NdaRecordItem, NdaVersionItem } from '#services/access-requests/nda-store';
import type {
  AccessRequestView,
  AutoApprovalRules,
  AutoApprovalView,
  DecisionRule,
  GrantView,
  NdaRecordView,
  NdaSummaryView,
  NdaTextView,
} from '#services/access-requests/schemas';
import type { AccessGrantItem, AccessRequestItem, AutoApprovalItem } from '#services/access-requests/store';
import { isLanguage } from '#shared/languages';

export function toAccessRequestView(item: AccessRequestItem): AccessRequestView {
  return {
    id: item.requestId,
    name: item.name,
    email: item.email,
    company: item.company,
    message: item.message ?? null,
    language: isLanguage(item.language) ? item.language : null,
    document_ids: item.documentIds,
    nda_accepted: item.ndaAccepted,
    nda_version: item.ndaVersion ?? null,
    nda_record_id: item.ndaRecordId ?? null,
    review_status: item.reviewStatus,
    decision: { outcome: item.decisionOutcome, rule: item.decisionRule as DecisionRule },
    account_id: item.accountId ?? null,
    reviewed_by: item.reviewedBy ?? null,
    reviewed_at: item.reviewedAt ?? null,
    review_note: item.reviewNote ?? null,
    grant:
      item.grantId && item.grantExpiresAt
        ? { id: item.grantId, expires_at: item.grantExpiresAt, revoked_at: item.grantRevokedAt ?? null }
        : null,
    created_at: item.createdAt,
    updated_at: item.updatedAt,
  };
}

export function toGrantView(item: AccessGrantItem): GrantView {
  return {
    id: item.grantId,
    access_request_id: item.requestId,
    email: item.email,
    document_ids: item.documentIds,
    expires_at: item.expiresAt,
    created_at: item.createdAt,
    revoked_at: item.revokedAt ?? null,
  };
}

export function toRules(item: AutoApprovalItem | null, defaults: AutoApprovalRules): AutoApprovalRules {
  if (!item) return defaults;
  return {
    allowed_domains: item.allowedDomains,
    denied_domains: item.deniedDomains,
    block_free_mail: item.blockFreeMail,
    approve_known_account_domains: item.approveKnownAccountDomains,
    approve_master_nda_accounts: item.approveMasterNdaAccounts,
    grant_days: item.grantDays,
  };
}

export function toAutoApprovalView(
  item: AutoApprovalItem | null,
  defaults: AutoApprovalRules,
): AutoApprovalView {
  return { ...toRules(item, defaults), updated_at: item?.updatedAt ?? null };
}

export function toNdaSummaryView(item: NdaVersionItem): NdaSummaryView {
  return {
    version: item.ndaVersion,
    source: 'tenant',
    sha256: item.sha256,
    title: item.title,
    language: item.language as NdaSummaryView['language'],
    created_at: item.createdAt,
  };
}

export function toNdaTextView(item: NdaVersionItem): NdaTextView {
  return { ...toNdaSummaryView(item), body: item.body };
}

export function toNdaRecordView(item: NdaRecordItem): NdaRecordView {
  return {
    id: item.recordId,
    nda_version: item.ndaVersion,
    nda_sha256: item.ndaSha256,
    signer_name: item.signerName,
    signer_email: item.signerEmail,
    signer_company: item.signerCompany,
    ip: item.ip,
    user_agent: item.userAgent ?? null,
    accepted_at: item.acceptedAt,
    access_request_id: item.requestId,
    account_id: item.accountId ?? null,
  };
}
