/**
 * The media type of a `Content-Type` header: its type/subtype, lowercased, without parameters
 * (`Application/PDF; charset=x` is `application/pdf`); undefined when the header is absent or empty. Pure.
 */
export function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase() || undefined;
}
