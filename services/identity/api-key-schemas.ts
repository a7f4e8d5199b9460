/** The API keys' bodies, path parameters and answers: seed 1's, seed 3's and seed 4's shapes. */
import * as z from 'zod';
import { ipAllowlist, orgIdParams, role } from '#services/identity/schemas';
import { ALL_SCOPES, KEY_TYPES, SCOPE_ALIASES } from '#shared/auth/scopes';
import { multiLine, singleLine } from '#shared/http/text-fields';
import { idPattern } from '#shared/ids';

/** A scope (`resource:read|write`) or one of seed 3's aliases (`admin:users`, `admin:keys`, `admin:orgs`). */
const scope = z
  .enum([...ALL_SCOPES, ...Object.keys(SCOPE_ALIASES)] as [string, ...string[]])
  .describe('A scope, or one of seed 3’s aliases `admin:users`, `admin:keys`, `admin:orgs`.');

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
