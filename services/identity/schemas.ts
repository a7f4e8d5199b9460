import * as z from 'zod';
import { MEMBER_STATUSES, type MemberStatus } from '#services/identity/member-statuses';
import { SLUG_PATTERN } from '#services/identity/slug-pattern';
import { ALL_SCOPES, KEY_TYPES, ROLE_NAMES, ROLES, SCOPE_ALIASES } from '#shared/auth/scopes';
import { multiLine, singleLine } from '#shared/http/text-fields';
import { idPattern } from '#shared/ids';
import { LANGUAGES } from '#shared/languages';

export const email = z
  .email()
  .max(254)
  .transform((value) => value.toLowerCase());
const password = singleLine(256, { min: 0, trim: false }).min(12, 'Use at least 12 characters');

/** A role of shared/auth/scopes.ts (ROLES), each named with what it may do; no aliases. */
export const role = z.enum(ROLE_NAMES as [string, ...string[]]).meta({
  description: ROLE_NAMES.map((name) => `\`${name}\`: ${ROLES[name].description}`).join(' '),
  example: 'viewer',
});

/** A scope (`resource:read|write`) or one of seed 3's aliases (`admin:users`, `admin:keys`, `admin:orgs`). */
const scope = z
  .enum([...ALL_SCOPES, ...Object.keys(SCOPE_ALIASES)] as [string, ...string[]])
  .describe('A scope, or one of seed 3’s aliases `admin:users`, `admin:keys`, `admin:orgs`.');

/** Zod's own address patterns, joined so the published `pattern` is exactly the rule the server applies. */
const IP_OR_CIDR = new RegExp(
  `^(?:${[z.regexes.ipv4, z.regexes.ipv6, z.regexes.cidrv4, z.regexes.cidrv6]
    .map((pattern) => pattern.source.replace(/^\^|\$$/g, ''))
    .join('|')})$`,
);

export const loginBody = z
  .strictObject({ email, password: singleLine(256, { trim: false }) })
  .meta({ id: 'LoginRequest' });
export const loginResponse = z
  .object({ accessToken: z.string(), expiresIn: z.number().int(), refreshToken: z.string() })
  .meta({ id: 'LoginResponse' });
export const refreshBody = z
  .strictObject({ refreshToken: singleLine(8192, { trim: false }) })
  .meta({ id: 'RefreshRequest' });
export const refreshResponse = z
  .object({ accessToken: z.string(), expiresIn: z.number().int() })
  .meta({ id: 'RefreshResponse' });

export const orgIdParams = z.strictObject({
  org_id: z.string().regex(idPattern('organization'), 'Not an organization id'),
});

export const createOrganizationBody = z
  .strictObject({
    name: singleLine(200),
    email,
    slug: z
      .string()
      .max(63)
      .regex(SLUG_PATTERN, 'Not a DNS label (a-z, 0-9, inner hyphens)')
      .optional()
      .meta({ example: 'acme' })
      .describe(
        'The organization’s unique slug, a DNS label: its default host is `<slug>.<platform domain>`. Derived from the name when absent (made unique with a suffix). Names the platform keeps (`www`, `api`, `admin`, …) are refused; a taken one is a 409.',
      ),
    plan: singleLine(40, { trim: false })
      .meta({ example: 'free' })
      .describe(
        'One of the deployment’s plan tiers (`planTiers` in cdk.json context; by default `free`, `business`, `enterprise`); another name is refused.',
      ),
  })
  .meta({ id: 'CreateOrganizationRequest' });

export const organization = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z
      .string()
      .describe('Unique on the platform, a DNS label: the default host is `<slug>.<platform domain>`.'),
    description: z.string().nullable(),
    website: z.string().nullable(),
    timezone: z.string(),
    settings: z.object({
      sso_enabled: z.boolean().describe('Read-only; false until the platform offers SSO.'),
      sso_provider: z.string().nullable().describe('Read-only; null until the platform offers SSO.'),
      ip_allowlist: z
        .array(z.string())
        .describe(
          'CIDR blocks (IPv4, IPv6) every credential of the organization, people and API keys alike, must call from; empty: any address. Platform operators are not bound by it.',
        ),
      data_residency: z.string().describe('Read-only: the AWS region the deployment keeps its data in.'),
    }),
    plan: z.string(),
    members_count: z
      .number()
      .int()
      .describe('Members of the organization, those invited and not yet joined (`pending_invite`) included.'),
    created_at: z.iso.datetime(),
    status: z
      .enum(['active', 'pending_deletion'])
      .describe(
        '`pending_deletion` after its deletion: every credential is refused, and the data is purged at `purge_after` unless an operator restores it.',
      ),
    purge_after: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Organization' });

export const acceptInvitationBody = z
  .strictObject({
    token: singleLine(200, { min: 20, trim: false }),
    password,
    name: singleLine(200).optional(),
  })
  .meta({ id: 'AcceptInvitationRequest' });

/**
 * A person's standing in a tenant: `pending_invite` from the invitation (seed 4's add-member answer) until
 * it is accepted, `active` after; `disabled` cannot sign in.
 */
export { MEMBER_STATUSES, type MemberStatus };

export const member = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.string(),
    status: z.enum(MEMBER_STATUSES),
    created_at: z.iso.datetime(),
    last_login: z.iso
      .datetime()
      .nullable()
      .describe('When the person last signed in with their password; null until they first do.'),
  })
  .meta({ id: 'Member' });

/** An IP allowlist (a key's or an organization's): up to 50 IPv4/IPv6 addresses or CIDR blocks. */
export const ipAllowlist = z
  .array(
    z
      .string()
      .max(100)
      .regex(IP_OR_CIDR, 'Not an IP address or CIDR block')
      .meta({ example: '203.0.113.0/24' })
      .describe('An IPv4 or IPv6 address, or a CIDR block (`203.0.113.0/24`, `2001:db8::/32`).'),
  )
  .max(50);

const keyOptions = {
  description: multiLine(500, { min: 0 }).optional(),
  expires_in_days: z.number().int().min(1).max(3650).optional(),
  ip_allowlist: ipAllowlist.optional(),
};

/** Seed 1's body (`role`), seed 2's key types (`key_type`), or seed 3's explicit `scopes`. */
const apiKeyFields = {
  name: singleLine(200),
  role: role
    .optional()
    .describe('Seed 1: the key holds this role’s scopes. Give at most one of role, key_type and scopes.'),
  key_type: z.enum(Object.keys(KEY_TYPES) as [string, ...string[]]).optional(),
  scopes: z.array(scope).min(1).max(ALL_SCOPES.length).optional(),
  ...keyOptions,
};
const oneGrant = (body: { role?: unknown; key_type?: unknown; scopes?: unknown }) =>
  [body.role, body.key_type, body.scopes].filter(Boolean).length <= 1;
const oneGrantError = { message: 'Give one of role, key_type or scopes', path: ['role'] };

export const createApiKeyBody = z
  .strictObject(apiKeyFields)
  .refine(oneGrant, oneGrantError)
  .meta({ id: 'CreateApiKeyRequest' });

/** On the organization path, seed 3's body also names the organization; it must be the one in the path. */
export const createOrganizationApiKeyBody = z
  .strictObject({ ...apiKeyFields, organization_id: singleLine(100, { trim: false }).optional() })
  .refine(oneGrant, oneGrantError)
  .meta({ id: 'CreateOrganizationApiKeyRequest' });

export const apiKeyParams = z.strictObject({
  id: z.string().regex(idPattern('apiKey'), 'Not an API key id'),
});
export const orgApiKeyParams = z.strictObject({
  org_id: orgIdParams.shape.org_id,
  key_id: z.string().regex(idPattern('apiKey'), 'Not an API key id'),
});

/** Exactly seed 1's response: the key is shown this once. */
export const createdApiKey = z
  .object({
    success: z.literal(true),
    data: z.object({
      apiKey: z.object({
        id: z.string(),
        name: z.string(),
        key: z.string(),
        role: z.string().nullable(),
        scopes: z.array(z.string()),
        expires_at: z.iso.datetime().nullable(),
      }),
      warning: z.string(),
    }),
  })
  .meta({ id: 'CreatedApiKey' });

/** Seed 4's create response on the organization path: `token` shown once. */
export const createdOrgApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    token: z.string(),
    scopes: z.array(z.string()),
    expires_at: z.iso.datetime().nullable(),
  })
  .meta({ id: 'CreatedOrganizationApiKey' });

export const apiKeySummary = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    prefix: z.string(),
    role: z.string().nullable(),
    key_type: z.string().nullable(),
    scopes: z.array(z.string()),
    ip_allowlist: z.array(z.string()),
    created_at: z.iso.datetime(),
    last_used: z.iso.datetime().nullable().describe('Seed 4’s name for `last_used_at`; the same instant.'),
    last_used_at: z.iso
      .datetime()
      .nullable()
      .describe(
        'When the key’s latest request arrived, from the usage counters (a few seconds behind in AWS).',
      ),
    expires_at: z.iso.datetime().nullable(),
    revoked_at: z.iso.datetime().nullable(),
    request_count: z
      .number()
      .int()
      .describe(
        'Every request the key sent since it was made, whatever the answer (throttled ones included), from the usage counters.',
      ),
    status: z.enum(['active', 'expired', 'revoked']),
  })
  .meta({ id: 'ApiKey' });

export const rotatedApiKey = z
  .object({
    id: z.string(),
    key: z.string(),
    previous_key_expires_at: z.iso.datetime(),
    warning: z.string(),
  })
  .meta({ id: 'RotatedApiKey' });

export type CreateApiKeyBody = z.output<typeof createApiKeyBody>;

// People: the users and invitations of a tenant (seed 1's `/users`, seed 4's members and invitations).

const personName = singleLine(200);

export const userIdParams = z.strictObject({ id: z.string().regex(idPattern('user'), 'Not a user id') });
export const invitationIdParams = z.strictObject({
  id: z.string().regex(idPattern('invitation'), 'Not an invitation id'),
});
export const orgMemberParams = z.strictObject({
  org_id: orgIdParams.shape.org_id,
  user_id: z.string().regex(idPattern('user'), 'Not a user id'),
});
export const orgInvitationParams = z.strictObject({
  org_id: orgIdParams.shape.org_id,
  invitation_id: z.string().regex(idPattern('invitation'), 'Not an invitation id'),
});

export const inviteUserBody = z
  .strictObject({ email, name: personName.optional(), role })
  .meta({ id: 'InviteUserRequest' });
export const changeRoleBody = z.strictObject({ role }).meta({ id: 'ChangeRoleRequest' });
export const updateCurrentUserBody = z
  .strictObject({ name: personName.optional(), language: z.enum(LANGUAGES).optional() })
  .meta({ id: 'UpdateCurrentUserRequest' });

/** `expired` is a pending invitation past its expiry; it can still be resent. */
export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
export const invitationStatusQuery = z
  .enum(INVITATION_STATUSES)
  .optional()
  .describe('Only invitations in this status.');

export const invitation = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.string(),
    status: z.enum(INVITATION_STATUSES),
    sent_at: z.iso.datetime(),
    expires_at: z.iso.datetime(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'Invitation' });

/** The signed-in person: a member plus their language. */
export const currentUser = member
  .extend({ language: z.enum(LANGUAGES).nullable() })
  .meta({ id: 'CurrentUser' });

/** Seed 4's member, on the organization paths: ours plus whether MFA is on. */
export const organizationMember = member
  .extend({ mfa_enabled: z.boolean() })
  .meta({ id: 'OrganizationMember' });

/**
 * Seed 4's answer to adding a member: the person is invited and `pending_invite`; `id` is the member's
 * (`usr_…`), the same before and after they accept, and works with PATCH and DELETE `…/members/{user_id}`.
 */
export const invitedOrganizationMember = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.string(),
    status: z.literal('pending_invite'),
    invitation_sent_at: z.iso.datetime(),
  })
  .meta({ id: 'InvitedOrganizationMember' });

/** Seed 4's invitation, on the organization paths. */
export const organizationInvitation = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.string(),
    sent_at: z.iso.datetime(),
    expires_at: z.iso.datetime(),
    status: z.enum(INVITATION_STATUSES),
  })
  .meta({ id: 'OrganizationInvitation' });

export type InviteUserBody = z.output<typeof inviteUserBody>;
export type UpdateCurrentUserBody = z.output<typeof updateCurrentUserBody>;
