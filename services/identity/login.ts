import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import {
  recordFailedSignIn,
  recordSignIn,
  refuseTokenOfDeletedOrganization,
  type SignInSource,
} from '#services/identity/sign-in-events';
import { cognito } from '#shared/aws/cognito';
import { config } from '#shared/config';
import { AuthenticationError, RateLimitError } from '#shared/errors';
import { consumeLimits, formMeters, limitReached } from '#shared/http/rate-limit';

/** Failed sign-ins are counted under the platform's partition: before a sign-in there is no tenant. */
const SIGN_IN_COUNTERS = 'platform';

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

/** What each flow's refusal says: a refresh is refused for its token, never for a password it never had. */
const REFUSAL_MESSAGES = {
  USER_PASSWORD_AUTH: 'Invalid email or password',
  REFRESH_TOKEN_AUTH: 'Invalid or expired refresh token; sign in again',
} as const;

async function initiate(flow: keyof typeof REFUSAL_MESSAGES, parameters: Record<string, string>) {
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
      throw new AuthenticationError(REFUSAL_MESSAGES[flow]);
    throw error;
  }
}

/**
 * Seed 1's login: `{accessToken, expiresIn}`, plus a refresh token.
 * @throws AuthenticationError (401) for a wrong address or password; PermissionError (403) when the
 * person's organization is pending deletion; RateLimitError (429) once failures
 * from this address or source reach their limit. Success and refusal both go to the
 * audit log, with where the request came from; the token is handed out only once its sign-in is recorded.
 */
export async function login(email: string, password: string, source: SignInSource) {
  // Failed attempts are limited per address, per source and overall (shared/http/rate-limit.ts): past a
  // limit the password is not even tried (429), which stops guessing and the mail a tenant's rules may
  // send for every failure.
  const meters = formMeters('sign_in', email, source.ip);
  const retryAfter = await limitReached(SIGN_IN_COUNTERS, meters);
  if (retryAfter !== undefined) throw new RateLimitError(retryAfter);
  let result: Awaited<ReturnType<typeof initiate>>;
  try {
    result = await initiate('USER_PASSWORD_AUTH', { USERNAME: email, PASSWORD: password });
  } catch (error) {
    if (error instanceof AuthenticationError) {
      await consumeLimits(SIGN_IN_COUNTERS, meters);
      await recordFailedSignIn(email, source);
    }
    throw error;
  }
  const accessToken = result.AccessToken ?? '';
  await refuseTokenOfDeletedOrganization(accessToken);
  await recordSignIn(accessToken, email, source);
  return {
    accessToken,
    expiresIn: expiresIn(accessToken, result.ExpiresIn),
    refreshToken: result.RefreshToken ?? '',
  };
}

/**
 * A new access token for a refresh token from `login`: `{accessToken, expiresIn}` (seconds).
 * @throws AuthenticationError (401) "Invalid or expired refresh token" when Cognito refuses the token;
 * PermissionError (403) when the person's organization is pending deletion.
 */
export async function refresh(refreshToken: string) {
  const result = await initiate('REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: refreshToken });
  const accessToken = result.AccessToken ?? '';
  await refuseTokenOfDeletedOrganization(accessToken);
  return { accessToken, expiresIn: expiresIn(accessToken, result.ExpiresIn) };
}
