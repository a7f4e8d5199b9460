import * as z from 'zod';

/**
 * A domain name as requests give it: trimmed, lower-cased, at most 253 characters, at least two labels of
 * letters, digits and inner hyphens (at most 63 each), the last alphabetic or punycode. No wildcard,
 * port, trailing dot or address. One rule for email domains (auto-approval) and hosts (custom domains);
 * `example` shows the caller what is meant. A fresh schema per use.
 */
export function domainNameField(example = 'example.com') {
  return z
    .string()
    .trim()
    .toLowerCase()
    .max(253)
    .regex(
      /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/,
      `Must be a domain name such as ${example}`,
    );
}
