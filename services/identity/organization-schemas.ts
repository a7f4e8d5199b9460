import * as z from 'zod';
import { ipAllowlist } from '#services/identity/schemas';
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
