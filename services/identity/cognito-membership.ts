import {
  AdminAddUserToGroupCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminRemoveUserFromGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from '#shared/aws/cognito';
import { config } from '#shared/config';

// The Cognito side of membership changes. Groups mirror roles (the authorizer reads the role from the
// member record), so these follow a change already committed to the table.

function isUserNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === 'UserNotFoundException';
}

async function cognitoUser(email: string) {
  try {
    return await cognito().send(new AdminGetUserCommand({ UserPoolId: config.userPoolId, Username: email }));
  } catch (error) {
    if (isUserNotFound(error)) return undefined;
    throw error;
  }
}

/** A role whose group the pool lacks (made before the role existed) has no membership to change. */
function isGroupNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === 'ResourceNotFoundException';
}

/**
 * Moves a person from one role's group to another's (a mirror of the member record's role).
 * @throws the Cognito error, except for a missing user or group, which leave nothing to move.
 */
export async function moveToRoleGroup(email: string, from: string, to: string): Promise<void> {
  const UserPoolId = config.userPoolId;
  const tolerated = (error: unknown) => {
    // A member without a Cognito user (one provisioned by hand) has no group to move.
    if (!isUserNotFound(error) && !isGroupNotFound(error)) throw error;
  };
  if (from !== to)
    await cognito()
      .send(new AdminRemoveUserFromGroupCommand({ UserPoolId, Username: email, GroupName: from }))
      .catch(tolerated);
  await cognito()
    .send(new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName: to }))
    .then(() => undefined, tolerated);
}

/**
 * Deletes the sign-in of a removed member. A Cognito user created for another tenant (or a platform
 * operator's) is only taken out of the role's group: it is someone else's sign-in too.
 */
export async function removeCognitoUser(email: string, tenantId: string, role: string): Promise<void> {
  const user = await cognitoUser(email);
  if (!user) return;
  const UserPoolId = config.userPoolId;
  const owningTenant = user.UserAttributes?.find((attribute) => attribute.Name === 'custom:tenantId')?.Value;
  try {
    if (owningTenant === tenantId) {
      await cognito().send(new AdminDeleteUserCommand({ UserPoolId, Username: email }));
    } else {
      await cognito().send(
        new AdminRemoveUserFromGroupCommand({ UserPoolId, Username: email, GroupName: role }),
      );
    }
  } catch (error) {
    if (!isUserNotFound(error) && !isGroupNotFound(error)) throw error;
  }
}

/** Whether the person has enrolled a second factor (TOTP) with Cognito. */
export async function mfaEnabled(email: string): Promise<boolean> {
  const user = await cognitoUser(email);
  return (user?.UserMFASettingList?.length ?? 0) > 0;
}
