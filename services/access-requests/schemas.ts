import * as z from 'zod';
import { ACCESS_LEVELS } from '#shared/access-levels';
import { deprecatedOrgId } from '#shared/http/deprecated-org-id';
import { domainNameField } from '#shared/http/domain-name';
import { pageQuery } from '#shared/http/pagination';
import { multiLine, singleLine } from '#shared/http/text-fields';
import { idPattern } from '#shared/ids';
import { LANGUAGES } from '#shared/languages';

export const REVIEW_STATUSES = ['to_review', 'approved', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Which auto-approval rule decided a submission; `no_rule_matched` leaves it to a reviewer. */
export const DECISION_RULES = [
  'denied_domain',
  'free_mail',
  'allowed_domain',
  'known_account_domain',
  'master_nda_account',
  'no_rule_matched',
] as const;
export type DecisionRule = (typeof DECISION_RULES)[number];
export const DECISION_OUTCOMES = ['approved', 'rejected', 'manual'] as const;

/** At most this many documents in one request (and so in one grant). */
export const MAX_REQUESTED_DOCUMENTS = 50;
export const MAX_GRANT_DAYS = 365;
export const DEFAULT_GRANT_DAYS = 30;
const MAX_RULE_DOMAINS = 200;

const organizationId = z.string().regex(idPattern('organization'), 'Not an organization id');
const documentId = z.string().regex(idPattern('document'), 'Not a document id');

// Lower-case host names of at least two labels, matched exactly against the part after the "@".
const domain = domainNameField();

/** An NDA exists in each of the product's languages. */
export const NDA_LANGUAGES = LANGUAGES;

/** A platform default NDA's version: `default-<language>-<revision>` (services/access-requests/default-nda.ts). */
export const DEFAULT_NDA_VERSION_PATTERN = `^default-(${NDA_LANGUAGES.join('|')})-[1-9][0-9]*$`;

/**
 * Names one NDA text: a tenant's published version (an integer from 1), or a platform default revision
 * (`default-en-1`) served while the tenant has none. A fresh schema per use: a shared, registered one would
 * carry one use's `nullable` into every other.
 */
const ndaVersionRef = () =>
  z.union([
    z.number().int().min(1),
    z.string().regex(new RegExp(DEFAULT_NDA_VERSION_PATTERN), 'Not an NDA version'),
  ]);

export const NDA_SOURCES = ['tenant', 'platform_default'] as const;

export const proofOfWork = z
  .strictObject({
    challenge: singleLine(512, { trim: false }).describe('The challenge from `GET …/challenge`, as it was.'),
    nonce: singleLine(64, { trim: false }).describe(
      'Any string such that SHA-256(challenge + nonce) starts with `difficulty` zero bits.',
    ),
  })
  .meta({ id: 'ProofOfWork' });

export const submitAccessRequestBody = z
  .strictObject({
    org_id: deprecatedOrgId(),
    name: singleLine(200),
    email: z.email().max(254).toLowerCase(),
    company: singleLine(200),
    document_ids: z
      .array(documentId)
      .min(1)
      .max(MAX_REQUESTED_DOCUMENTS)
      .describe('Documents of this trust center; an id that names none is refused (400 `document_ids`).'),
    nda_accepted: z
      .boolean()
      .describe('Must be true when a requested document requires the NDA (400 `nda_accepted` otherwise).'),
    nda_version: ndaVersionRef()
      .optional()
      .describe(
        'The NDA version the visitor read (`version` of `GET /api/v1/public/ndas/current`); when absent, the current one in `language` (the trust center’s default language when that is absent too), as that route shows it. Refused (400 `nda_version`): a version the trust center never published, a default revision that never shipped, and any default once the trust center has published its own NDA.',
      ),
    message: multiLine(2000, { min: 0 }).optional(),
    language: z
      .enum(LANGUAGES)
      .optional()
      .describe(
        "The language the visitor reads the trust center in (the site sends its page's): the mails about this request (the magic link, a rejection) are written in it and link pages in it. The trust center's default language when absent.",
      ),
    website: singleLine(500, { min: 0, trim: false })
      .optional()
      .describe('Leave empty. A field people never see: a form that fills it is taken for a bot.'),
    pow: proofOfWork,
  })
  .meta({ id: 'SubmitAccessRequest' });

export const challengeQuery = z.object({ org_id: deprecatedOrgId() });

export const powChallenge = z
  .object({
    challenge: z.string(),
    difficulty: z.number().int().describe('Leading zero bits SHA-256(challenge + nonce) must have.'),
    expires_at: z.iso.datetime(),
  })
  .meta({ id: 'ProofOfWorkChallenge' });

export const submittedAccessRequest = z
  .object({
    id: z.string().meta({ example: 'req_01JD3Q6V9Z8X7W6V5T4S3R2Q1P' }),
    review_status: z.enum(REVIEW_STATUSES),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'SubmittedAccessRequest' });

export const decision = z
  .object({
    outcome: z.enum(DECISION_OUTCOMES),
    rule: z.enum(DECISION_RULES),
  })
  .meta({ id: 'AccessRequestDecision' });

export const grant = z
  .object({
    id: z.string().meta({ example: 'grt_01JD3Q6V9Z8X7W6V5T4S3R2Q1P' }),
    access_request_id: z.string(),
    email: z.string(),
    document_ids: z.array(z.string()),
    expires_at: z.iso.datetime(),
    created_at: z.iso.datetime(),
    revoked_at: z.iso.datetime().nullable().describe('When an admin ended the grant; null while it runs.'),
  })
  .meta({ id: 'AccessGrant' });

export const accessRequest = z
  .object({
    id: z.string().meta({ example: 'req_01JD3Q6V9Z8X7W6V5T4S3R2Q1P' }),
    name: z.string(),
    email: z.string(),
    company: z.string(),
    message: z.string().nullable(),
    language: z
      .enum(LANGUAGES)
      .nullable()
      .describe(
        "The visitor's language, which the mails about the request follow; null for requests made before it was recorded (their mails use the trust center's default language).",
      ),
    document_ids: z.array(z.string()),
    nda_accepted: z.boolean(),
    nda_version: ndaVersionRef().nullable(),
    nda_record_id: z.string().nullable(),
    review_status: z.enum(REVIEW_STATUSES),
    decision: decision.describe('What the auto-approval rules decided on submission, and which rule fired.'),
    account_id: z.string().nullable().describe('The customer account whose email domain matched, if any.'),
    reviewed_by: z.string().nullable().describe('Who approved or rejected it; `system` for a rule.'),
    reviewed_at: z.iso.datetime().nullable(),
    review_note: z.string().nullable(),
    grant: z
      .object({ id: z.string(), expires_at: z.iso.datetime(), revoked_at: z.iso.datetime().nullable() })
      .nullable()
      .describe('The time-limited grant an approval created; `revoked_at` once an admin ended it.'),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'AccessRequest' });

export const listAccessRequestsQuery = z.object({
  ...pageQuery,
  review_status: z.enum(REVIEW_STATUSES).optional().describe('Only requests in this review status.'),
});

export const accessRequestIdParams = z.strictObject({
  id: z.string().regex(idPattern('accessRequest'), 'Not an access request id'),
});

export const reviewAccessRequestBody = z
  .strictObject({
    review_status: z.enum(['approved', 'rejected']),
    expires_in_days: z
      .number()
      .int()
      .min(1)
      .max(MAX_GRANT_DAYS)
      .optional()
      .describe("How long an approval's grant lasts; the auto-approval `grant_days` by default."),
    note: multiLine(1000, { min: 0 }).optional(),
  })
  .meta({ id: 'ReviewAccessRequest' });

export const revokeAccessBody = z
  .strictObject({
    reason: multiLine(1000, { min: 0 })
      .optional()
      .describe('Why access ends; kept on the grant and in the audit log, never sent to the visitor.'),
  })
  .optional()
  .meta({ id: 'RevokeAccess' });

const domainList = z
  .array(domain)
  .max(MAX_RULE_DOMAINS)
  .transform((domains) => [...new Set(domains)]);

export const autoApprovalRules = z
  .strictObject({
    allowed_domains: domainList.default([]),
    denied_domains: domainList.default([]),
    block_free_mail: z.boolean().default(false),
    approve_known_account_domains: z.boolean().default(false),
    approve_master_nda_accounts: z.boolean().default(false),
    grant_days: z.number().int().min(1).max(MAX_GRANT_DAYS).default(DEFAULT_GRANT_DAYS),
  })
  .meta({ id: 'AutoApprovalRules' });

export const autoApprovalView = z
  .object({
    allowed_domains: z.array(z.string()),
    denied_domains: z.array(z.string()),
    block_free_mail: z.boolean(),
    approve_known_account_domains: z.boolean(),
    approve_master_nda_accounts: z.boolean(),
    grant_days: z.number().int(),
    updated_at: z.iso.datetime().nullable(),
  })
  .meta({ id: 'AutoApprovalSettings' });

export const createNdaBody = z
  .strictObject({
    title: singleLine(200),
    body: multiLine(100_000).describe(
      'The NDA text, in Markdown; its SHA-256 is what an acceptance records.',
    ),
    language: z
      .enum(NDA_LANGUAGES)
      .optional()
      .describe(
        "The NDA text's language; the trust center's default language (its brand's `default_language`) when absent.",
      ),
  })
  .meta({ id: 'CreateNdaRequest' });

export const ndaSummary = z
  .object({
    version: ndaVersionRef(),
    source: z
      .enum(NDA_SOURCES)
      .describe(
        "`tenant` for a version the trust center published; `platform_default` for the platform's default mutual NDA, which applies while the trust center has published none and should be reviewed or replaced.",
      ),
    sha256: z.string().describe('Hex SHA-256 of the UTF-8 body.'),
    title: z.string(),
    language: z.enum(NDA_LANGUAGES),
    created_at: z.iso
      .datetime()
      .describe('When it was published (for a default: when the revision shipped).'),
  })
  .meta({ id: 'NdaVersion' });

export const ndaText = ndaSummary.extend({ body: z.string() }).meta({ id: 'NdaText' });

export const listNdasQuery = z.object(pageQuery);

export const currentNdaQuery = z.object({
  org_id: deprecatedOrgId(),
  language: z
    .enum(NDA_LANGUAGES)
    .optional()
    .describe(
      "The newest version in this language (the trust center's default language when absent), else the trust center's newest in any; while it has none, the platform default in that language.",
    ),
});

export const ndaRecord = z
  .object({
    id: z.string().meta({ example: 'ndr_01JD3Q6V9Z8X7W6V5T4S3R2Q1P' }),
    nda_version: ndaVersionRef().describe(
      'The accepted text: a version the trust center published, or a platform default (`default-en-1`).',
    ),
    nda_sha256: z.string().describe('Hex SHA-256 of the accepted text, as it was accepted.'),
    signer_name: z.string(),
    signer_email: z.string(),
    signer_company: z.string(),
    ip: z.string(),
    user_agent: z.string().nullable(),
    accepted_at: z.iso.datetime(),
    access_request_id: z.string(),
    account_id: z.string().nullable(),
  })
  .meta({ id: 'NdaRecord' });

export const ndaRecordExportQuery = z.object({
  format: z.enum(['json', 'csv']).default('json'),
});

export const accountIdParams = z.strictObject({
  id: z.string().regex(idPattern('account'), 'Not an account id'),
});

export const exchangeTokenBody = z
  .strictObject({ token: singleLine(512, { trim: false }) })
  .meta({ id: 'ExchangeAccessToken' });

export const visitorSession = z
  .object({
    session_token: z.string().describe('Send as `Authorization: Bearer …` to the visitor routes.'),
    expires_at: z.iso.datetime(),
    grant_expires_at: z.iso.datetime(),
    email: z.string(),
  })
  .meta({ id: 'VisitorSession' });

export const grantedDocument = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    access_level: z.enum(ACCESS_LEVELS),
    content_type: z.string().nullable(),
  })
  .meta({ id: 'GrantedDocument' });

export const grantedDocumentParams = z.strictObject({
  id: z.string().regex(idPattern('document'), 'Not a document id'),
});

export type SubmitAccessRequestBody = z.output<typeof submitAccessRequestBody>;
export type ReviewAccessRequestBody = z.output<typeof reviewAccessRequestBody>;
export type RevokeAccessBody = z.output<typeof revokeAccessBody>;
export type AutoApprovalRules = z.output<typeof autoApprovalRules>;
export type AutoApprovalView = z.output<typeof autoApprovalView>;
export type AccessRequestView = z.output<typeof accessRequest>;
export type GrantView = z.output<typeof grant>;
export type Decision = z.output<typeof decision>;
export type CreateNdaBody = z.output<typeof createNdaBody>;
export type NdaSummaryView = z.output<typeof ndaSummary>;
export type NdaTextView = z.output<typeof ndaText>;
export type NdaRecordView = z.output<typeof ndaRecord>;
export type GrantedDocumentView = z.output<typeof grantedDocument>;
