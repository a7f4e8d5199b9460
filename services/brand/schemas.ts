import * as z from 'zod';
import { DOMAIN_STATUSES } from '#services/brand/domain-statuses';
import { BRAND_FONT_IDS } from '#services/brand/fonts';
import { domainNameField } from '#shared/http/domain-name';
import { multiLine, singleLine } from '#shared/http/text-fields';
import { LANGUAGES } from '#shared/languages';
import { urlField } from '#shared/openapi/url-pattern';

const language = z.enum(LANGUAGES);

/** `#rgb` or `#rrggbb`; answers always carry `#rrggbb` in lower case. */
export const hexColor = z
  .string()
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'Must be a hex colour such as #0066cc')
  .meta({ example: '#0066cc' });

/**
 * A host name a tenant may claim: lower case, at least two labels, each a DNS label, the last alphabetic
 * (or punycode). Ports, paths, wildcards and addresses are refused.
 */
export const domainName = domainNameField('trust.example.com');

// One host of a list, as the published pattern states it: up to four labels of letters, digits and
// inner hyphens (at most 63 each), the last alphabetic or punycode.
const LIST_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const LIST_HOST = `(?:${LIST_LABEL}\\.){1,3}(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})`;
const DEPLOYMENT_DOMAINS_PATTERN = new RegExp(`^ *(?:${LIST_HOST}(?: *, *${LIST_HOST})*)? *$`);

/**
 * A bound on the request body's field, not on domains: how many custom domains a tenant may hold is its
 * plan's `custom_domains` limit (403 quota_exceeded), one source for both paths that add them.
 */
const DEPLOYMENT_DOMAINS_MAX_CHARS = 65_536;

/** Seed 1: domains as one comma-separated string (`"trust.acme.com,trust.acme.de"`); empty clears them. */
const deploymentDomains = z
  .string()
  .max(DEPLOYMENT_DOMAINS_MAX_CHARS)
  .regex(DEPLOYMENT_DOMAINS_PATTERN, 'Must be host names separated by commas')
  .transform((value) => [
    ...new Set(
      value
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter((host) => host.length > 0),
    ),
  ])
  .meta({
    description: `Custom domains, comma-separated (seed 1). Each starts \`pending\` until a DNS TXT record proves control (see \`GET /api/v1/brand/domains\`). A non-free-plan feature (403 on the free plan); a host another tenant holds is a 409. An empty string removes them all. As many as the plan’s \`custom_domains\` limit (else 403 \`quota_exceeded\`).`,
    example: 'trust.acme.com,trust.acme.de',
  });

const perLanguage = (max: number) =>
  z
    .partialRecord(language, multiLine(max).nullable())
    .describe('Per language (`en`, `de`, `fr`); `null` removes a language’s text.');

export const updateBrandBody = z
  .strictObject({
    title: singleLine(120).optional(),
    primary_color: hexColor.optional(),
    secondary_color: hexColor.nullable().optional(),
    accent_color: hexColor.nullable().optional(),
    font: z
      .enum(BRAND_FONT_IDS)
      .optional()
      .describe('One of the fonts the platform ships and serves itself.'),
    footer_text: singleLine(500).nullable().optional(),
    deployment_domains: deploymentDomains.optional(),
    tagline: perLanguage(200).optional(),
    intro: perLanguage(5_000).optional(),
    security_contact: z.email().max(254).nullable().optional(),
    privacy_policy_url: urlField(['https'], 2048).nullable().optional(),
    default_language: language.optional(),
    languages: z
      .array(language)
      .min(1)
      .max(LANGUAGES.length)
      .refine((list) => new Set(list).size === list.length, 'Each language once')
      .optional()
      .describe('The languages the trust center is offered in; must include `default_language`.'),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Provide at least one field to update' })
  .meta({ id: 'UpdateBrandRequest', minProperties: 1 });

const color = z.string().regex(/^#[0-9a-f]{6}$/);

/** A brand colour with the text colour (black or white) that reads on it at WCAG AA (4.5:1) or better. */
const swatch = z
  .object({
    color,
    text_color: color,
    contrast: z.number().describe('Contrast ratio of the text colour on it'),
  })
  .meta({ id: 'BrandSwatch' });

const asset = z
  .object({
    url: z
      .string()
      .describe(
        'Path on the trust center’s own host, versioned by the content (`?v=`): the tenant comes from the host, and the answer may be cached for good.',
      ),
    content_type: z.string(),
    size: z.number().int().describe('Bytes.'),
    sha256: z.string(),
    width: z
      .number()
      .int()
      .positive()
      .nullable()
      .describe(
        'Intrinsic width in CSS pixels (EXIF orientation applied; an SVG’s width or viewBox), for the page to reserve the image’s box; null when the image names no size or was uploaded before sizes were kept.',
      ),
    height: z
      .number()
      .int()
      .positive()
      .nullable()
      .describe('Intrinsic height in CSS pixels; null as `width`.'),
    uploaded_at: z.iso.datetime(),
  })
  .meta({ id: 'BrandAsset' });

export const brand = z
  .object({
    title: z.string(),
    primary_color: color,
    secondary_color: color.nullable(),
    accent_color: color.nullable(),
    colors: z.object({ primary: swatch, secondary: swatch.nullable(), accent: swatch.nullable() }),
    font: z.object({
      id: z.enum(BRAND_FONT_IDS),
      family: z.string().describe('CSS font-family value'),
      files: z.array(z.string()).describe('WOFF2 files under web/fonts/'),
    }),
    footer_text: z.string().nullable(),
    deployment_domains: z.string().describe('Custom domains, comma-separated, as seed 1 shows them'),
    default_host: z.string().nullable(),
    tagline: z.record(language, z.string().nullable()).describe('Every language, null where none is set'),
    intro: z.record(language, z.string().nullable()).describe('Every language, null where none is set'),
    security_contact: z.string().nullable(),
    privacy_policy_url: z.string().nullable(),
    default_language: language,
    languages: z.array(language),
    logo: asset.nullable(),
    favicon: asset.nullable(),
    updated_at: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Brand' });

export const domain = z
  .object({
    host: z.string(),
    kind: z.enum(['default', 'custom']),
    status: z.enum(DOMAIN_STATUSES),
    verification: z
      .object({
        type: z.literal('TXT'),
        name: z.string().describe('Publish a TXT record at this name…'),
        value: z.string().describe('…holding this value.'),
      })
      .nullable()
      .describe('What proves control of a custom domain; null for the default host.'),
    created_at: z.iso.datetime().nullable(),
    verified_at: z.iso.datetime().nullable(),
    last_checked_at: z.iso.datetime().nullable(),
  })
  .meta({ id: 'BrandDomain' });

export const addDomainBody = z.strictObject({ host: domainName }).meta({ id: 'AddBrandDomainRequest' });
/** Any single-line value: a host the tenant does not hold is a 404, whatever its form. */
export const domainParams = z.strictObject({ host: singleLine(253).toLowerCase() });

export const assetQuery = z.object({
  v: z
    .string()
    .regex(/^[0-9a-f]{1,64}$/)
    .optional()
    .describe(
      'The version the asset’s `url` names (its SHA-256 prefix). That version is answered with the image, cacheable for a year as immutable; any other (or none) is redirected (302) to the current one.',
    ),
});

export type UpdateBrandBody = z.output<typeof updateBrandBody>;
export type BrandView = z.output<typeof brand>;
export type DomainView = z.output<typeof domain>;
