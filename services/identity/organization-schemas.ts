/** The organizations' bodies and answers: creating one, its view, and seed 4's update. */
import * as z from 'zod';
import { email, ipAllowlist } from '#services/identity/schemas';
import { SLUG_PATTERN } from '#services/identity/slug-pattern';
import { multiLine, singleLine } from '#shared/http/text-fields';
import { urlField } from '#shared/openapi/url-pattern';

/**
 * The IANA time zones (canonical names, as the runtime's ICU lists them) and `UTC`: published as an enum,
 * so the OpenAPI document states exactly what the server accepts.
 */
const TIME_ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')] as [
  string,
  ...string[],
];

/** Seed 4's `PATCH /organizations/{org_id}` body, plus `confirm_lockout`. */
export const updateOrganizationBody = z
  .strictObject({
    name: singleLine(200).optional(),
    description: multiLine(2000, { min: 0 }).nullable().optional(),
    website: urlField(['https', 'http'], 2000).nullable().optional().meta({ example: 'https://acme.com' }),
    timezone: z
      .enum(TIME_ZONES, 'Not an IANA time zone')
      .optional()
      .meta({ example: 'America/Los_Angeles' })
      .describe('An IANA time zone name (`America/Los_Angeles`, `Europe/Berlin`, `UTC`).'),
    settings: z
      .strictObject({
        ip_allowlist: ipAllowlist
          .optional()
          .describe(
            'Replaces the list. Every credential of the organization (people and API keys) must then call from a covered address; `[]` lifts the restriction. Platform operators are not bound by it. `sso_enabled`, `sso_provider` and `data_residency` are read-only.',
          ),
      })
      .optional(),
    confirm_lockout: z
      .boolean()
      .optional()
      .describe(
        'An allowlist that does not cover the address you call from is refused (you would lock yourself out), unless this is `true`.',
      ),
  })
  .meta({ id: 'UpdateOrganizationRequest' });

export type UpdateOrganizationBody = z.output<typeof updateOrganizationBody>;

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
