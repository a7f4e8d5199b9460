import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from '#shared/aws/cognito';
import { config } from '#shared/config';
import { ConflictError } from '#shared/errors';
import { logger } from '#shared/observability/logger';

/**
 * One e-mail, one person: the sign-in of an address (Cognito's user, keyed by the address) belongs to the
 * tenant in its `custom:tenantId` attribute, or to the platform's operators. Nothing a tenant does may
 * create, change or take over a sign-in that belongs elsewhere.
 */
export async function signInOwner(email: string): Promise<string | undefined> {
  try {
    const { UserAttributes = [] } = await cognito().send(
      new AdminGetUserCommand({ UserPoolId: config.userPoolId, Username: email }),
    );
    return UserAttributes.find((attribute) => attribute.Name === 'custom:tenantId')?.Value ?? '';
  } catch (error) {
    if (error instanceof Error && error.name === 'UserNotFoundException') return undefined;
    throw error;
  }
}

/** @throws ConflictError (409) when the address has a sign-in that belongs to anyone but `tenantId`. */
export async function requireEmailFree(email: string, tenantId: string, param = 'email'): Promise<void> {
  const owner = await signInOwner(email);
  if (owner !== undefined && owner !== tenantId)
    throw new ConflictError('A user with this email already exists', param);
}

/**
 * Puts a person in their role's Cognito group. Groups only mirror roles (the authorizer reads the role
 * from the member record), so a pool made before a role existed (no group for it yet) is logged, not fatal.
 * @throws the Cognito error for anything but a missing group.
 */
export async function addToRoleGroup(email: string, group: string): Promise<void> {
  try {
    await cognito().send(
      new AdminAddUserToGroupCommand({ UserPoolId: config.userPoolId, Username: email, GroupName: group }),
    );
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'ResourceNotFoundException') throw error;
    logger.warn('The user pool has no group for this role; the member record alone carries it', { group });
  }
}

/**
 * The Cognito side of a person: created already confirmed with a permanent password (the invitation or
 * the operator's one-off command stands in for Cognito's own welcome mail), in the group of their role.
 * Returns the user's `sub`. An existing user of the same tenant is reused, so a retried acceptance is
 * safe; a user of another tenant or an operator is never touched (its password least of all).
 * @throws ConflictError (409) when the address's sign-in belongs to someone else.
 */
export async function ensureCognitoUser(input: {
  email: string;
  password: string;
  tenantId: string;
  group: string;
}): Promise<string> {
  const UserPoolId = config.userPoolId;
  let sub: string | undefined;
  try {
    const { UserAttributes = [] } = await cognito().send(
      new AdminGetUserCommand({ UserPoolId, Username: input.email }),
    );
    const owner = UserAttributes.find((attribute) => attribute.Name === 'custom:tenantId')?.Value;
    if (owner !== input.tenantId) throw new ConflictError('A user with this email already exists', 'email');
    sub = UserAttributes.find((attribute) => attribute.Name === 'sub')?.Value;
  } catch (error) {
    if (error instanceof ConflictError) throw error;
    if (!(error instanceof Error) || error.name !== 'UserNotFoundException') throw error;
    const { User } = await cognito().send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: input.email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: input.email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'custom:tenantId', Value: input.tenantId },
        ],
      }),
    );
    sub = User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
  }
  if (!sub) throw new Error('Cognito returned no sub for the user');
  await cognito().send(
    new AdminSetUserPasswordCommand({
      UserPoolId,
      Username: input.email,
      Password: input.password,
      Permanent: true,
    }),
  );
  await addToRoleGroup(input.email, input.group);
  return sub;
}
