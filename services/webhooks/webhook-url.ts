import { config } from '#shared/config';
import { ValidationError } from '#shared/errors';
import { checkOutboundUrl, OutboundRefused } from '#shared/net/outbound';

/**
 * A webhook URL as a caller gives it: https (http only where private destinations are allowed, i.e. locally),
 * no credentials. Where it resolves is checked on every delivery, since DNS can change after registration.
 */
export function checkWebhookUrl(url: string, allowPrivate = config.outboundAllowPrivate): string {
  try {
    return checkOutboundUrl(url, allowPrivate).toString();
  } catch (error) {
    if (error instanceof OutboundRefused) throw new ValidationError(error.message, 'url');
    throw error;
  }
}
