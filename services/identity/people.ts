import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from '#shared/aws/cognito';
import { config } from '#shared/config';

/**
 * The Cognito side of a person: created already confirmed with a permanent password (the invitation or
 * the operator's one-off command stands in for Cognito's own welcome mail), in the group of their role.
 * Returns the user's `sub`. An existing user is reused, so a retried acceptance is safe.
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
    sub = UserAttributes.find((attribute) => attribute.Name === 'sub')?.Value;
  } catch (error) {
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
  await cognito().send(
    new AdminAddUserToGroupCommand({ UserPoolId, Username: input.email, GroupName: input.group }),
  );
  return sub;
}
