import * as z from 'zod';
import { idPattern } from '#shared/ids';

/**
 * The `org_id` public forms and their challenges used to take (a visitor has no credential). Deprecated,
 * accepted for one more release: the trust center now comes from the request's host
 * (services/brand/public.ts `publicTrustCenter`). On a trust center's host it must name that trust center
 * (else 404); on any other host it still picks the organization. A fresh schema per use.
 */
export function deprecatedOrgId() {
  return z
    .string()
    .regex(idPattern('organization'), 'Not an organization id')
    .optional()
    .describe(
      'Deprecated: the trust center is the one the request’s host names. Still accepted for one release; on a trust center’s host it must name that trust center (else 404).',
    )
    .meta({ deprecated: true });
}
