import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { recordFailedSignIn, recordSignIn, type SignInSource } from '#services/identity/sign-in-events';
import { cognito } from '#shared/aws/cognito';
import { config } from '#shared/config';
import { AuthenticationError } from '#shared/http/errors';

/** Cognito says NotAuthorized for a wrong password; cognito-local says InvalidPassword. Both are a 401. */
const REFUSALS = new Set([
  'NotAuthorizedException',
  'InvalidPasswordException',
  'UserNotFoundException',
  'PasswordResetRequiredException',
  'UserNotConfirmedException',
]);

function expiresIn(accessToken: string, fallback: number | undefined): number {
  try {
    const payload = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString()) as {
      exp?: number;
      iat?: number;
    };
    if (payload.exp && payload.iat) return payload.exp - payload.iat;
  } catch {
    // Fall through to what Cognito said.
  }
  return fallback ?? 3600;
}

async function initiate(
  flow: 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH',
  parameters: Record<string, string>,
) {
  try {
    const { AuthenticationResult } = await cognito().send(
      new InitiateAuthCommand({
        ClientId: config.userPoolClientId,
        AuthFlow: flow,
        AuthParameters: parameters,
      }),
    );
    if (!AuthenticationResult?.AccessToken)
      throw new AuthenticationError('Sign-in needs a step this API does not support');
    return AuthenticationResult;
  } catch (error) {
    if (error instanceof Error && REFUSALS.has(error.name))
      throw new AuthenticationError('Invalid email or password');
    throw error;
  }
}

/**
 * Seed 1's login: `{accessToken, expiresIn}`, plus a refresh token. Success and refusal both go to the
 * audit log, with where the request came from; the token is handed out only once its sign-in is recorded.
 */
export async function login(email: string, password: string, source: SignInSource) {
  let result: Awaited<ReturnType<typeof initiate>>;
  try {
    result = await initiate('USER_PASSWORD_AUTH', { USERNAME: email, PASSWORD: password });
  } catch (error) {
    if (error instanceof AuthenticationError) await recordFailedSignIn(email, source);
    throw error;
  }
  const accessToken = result.AccessToken ?? '';
  await recordSignIn(accessToken, email, source);
  return {
    accessToken,
    expiresIn: expiresIn(accessToken, result.ExpiresIn),
    refreshToken: result.RefreshToken ?? '',
  };
}

export async function refresh(refreshToken: string) {
  const result = await initiate('REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: refreshToken });
  const accessToken = result.AccessToken ?? '';
  return { accessToken, expiresIn: expiresIn(accessToken, result.ExpiresIn) };
}
