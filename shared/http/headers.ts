/**
 * A header's value by name, whatever its case in the event (RFC 9110 §5.1: field names are
 * case-insensitive; API Gateway passes them as the client sent them). `name` is lower-case.
 */
export function headerValue(
  headers: Readonly<Record<string, string | undefined>> | null | undefined,
  name: string,
): string | undefined {
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === name && value !== undefined) return value;
  }
  return undefined;
}
