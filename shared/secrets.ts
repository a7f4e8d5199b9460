import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { config } from '#shared/config';

/**
 * The key that signs pagination cursors. The local platform puts it in the environment; a deployment
 * passes a Secrets Manager ARN, resolved once per container and cached by Powertools.
 */
export async function cursorSigningKey(): Promise<string> {
  const fromEnvironment = config.cursorSecret;
  if (fromEnvironment) return fromEnvironment;
  const arn = config.cursorSecretArn;
  if (!arn) throw new Error('No cursor signing key: set TC_CURSOR_SECRET or TC_CURSOR_SECRET_ARN');
  const secret = await getSecret(arn, { maxAge: 3600 });
  if (typeof secret !== 'string' || secret.length === 0) throw new Error('Cursor signing secret is empty');
  return secret;
}
