/**
 * The identity service's shared fields (email, role, IP allowlist, the organization path parameter) and the
 * sign-in bodies. API keys' schemas are in api-key-schemas.ts, people's in people-schemas.ts,
 * organizations' in organization-schemas.ts.
 */
import * as z from 'zod';
import { ROLE_NAMES, ROLES } from '#shared/auth/scopes';
import { singleLine } from '#shared/http/text-fields';
import { idPattern } from '#shared/ids';

export const email = z
  .email()
  .max(254)
  .transform((value) => value.toLowerCase());

/** A role of shared/auth/scopes.ts (ROLES), each named with what it may do; no aliases. */
export const role = z.enum(ROLE_NAMES as [string, ...string[]]).meta({
  description: ROLE_NAMES.map((name) => `\`${name}\`: ${ROLES[name].description}`).join(' '),
  example: 'viewer',
});

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
