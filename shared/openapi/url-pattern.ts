import * as z from 'zod';

/**
 * A URL as the published schemas state it, so that a client validating against the OpenAPI document
 * sends only what the server's URL parser (WHATWG) accepts. One pattern, because the document publishes
 * one per string: the scheme, a host that parses (ASCII labels of letters, digits and single hyphens, the
 * last starting with a letter; or a dotted IPv4 address), an optional port up to 65535, no credentials
 * (no `@` before the path), and a path, query and fragment free of spaces and control characters.
 * Labels with `--` are refused because an ill-formed punycode label (`xn--zz`) fails to parse.
 */
const label = '[A-Za-z0-9](?:-?[A-Za-z0-9])*';
const topLabel = '[A-Za-z](?:-?[A-Za-z0-9])*';
const octet = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const host = `(?:(?:${label}\\.)*${topLabel}|(?:${octet}\\.){3}${octet})`;
const port = '(?::(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4}))?';
const rest = '(?:[/?#][^\\u0000-\\u0020\\u007F-\\u009F\\u2028\\u2029]*)?';

export function urlPattern(schemes: readonly string[]): RegExp {
  return new RegExp(`^(?:${schemes.join('|')})://${host}${port}${rest}$`);
}

/** A URL field of a request: one of the schemes, at most `max` characters, published with format `uri`. */
export function urlField(schemes: readonly string[], max: number): z.ZodString {
  const names = schemes.map((scheme) => `${scheme}://`).join(' or ');
  return z
    .string()
    .max(max)
    .regex(urlPattern(schemes), `Must be a ${names} URL with a host name and no credentials`)
    .meta({ format: 'uri' });
}
