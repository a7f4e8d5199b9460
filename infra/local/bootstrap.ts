import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  AlreadyExistsException,
  CreateEmailIdentityCommand,
  CreateEmailTemplateCommand,
  SESv2Client,
  UpdateEmailTemplateCommand,
} from '@aws-sdk/client-sesv2';
import { type EmulatorEndpoints, localAws } from '#infra/local/emulators/index';
import { EMAIL_LANGUAGES, emailTemplates, sesTemplateName } from '#services/notifications/templates';
import { USER_GROUPS } from '#shared/auth/scopes';
import { createTableInput } from '#shared/data/table';

export interface LocalResources {
  tableName: string;
  documentsBucket: string;
  userPoolId: string;
  userPoolClientId: string;
  senderAddress: string;
}

const USER_POOL_NAME = 'trust-center';
/** The roles of the product, as Cognito groups; the identity service gives them meaning. */

const clientConfig = (endpoint: string) => ({
  region: localAws.region,
  credentials: localAws.credentials,
  endpoint,
});

/**
 * Creates what the CDK stateful stack creates in AWS, on the emulators: the table (from the one table
 * definition), the documents bucket (the site's assets are served from the build folder locally), the user pool with its groups and client, and the SES sender identity.
 * Safe to run on every start: whatever exists is kept.
 */
export async function bootstrap(
  endpoints: EmulatorEndpoints,
  senderAddress: string,
): Promise<LocalResources> {
  const resources = {
    tableName: 'trust-center',
    documentsBucket: 'trust-center-documents',
    senderAddress,
  };
  await createTable(endpoints.dynamodb, resources.tableName);
  await createBucket(endpoints.s3, resources.documentsBucket);
  const pool = await ensureUserPool(endpoints.cognito);
  await new SESv2Client(clientConfig(endpoints.ses))
    .send(new CreateEmailIdentityCommand({ EmailIdentity: senderAddress }))
    .catch(() => undefined); // aws-ses-v2-local accepts any sender and has no identities API.
  await putEmailTemplates(endpoints.ses);
  return { ...resources, ...pool };
}

/** The stage name the local platform's SES templates carry (TC_STAGE_NAME is `local`). */
export const LOCAL_TEMPLATE_STAGE = 'local';

/**
 * The SES templates of services/notifications/templates.ts, as the CDK construct makes them in AWS; the
 * emulator keeps them in memory, so they are put on every start (updated when they exist).
 */
async function putEmailTemplates(endpoint: string): Promise<void> {
  const ses = new SESv2Client(clientConfig(endpoint));
  for (const template of emailTemplates) {
    for (const language of EMAIL_LANGUAGES) {
      const { subject, html, text } = template.content[language];
      const input = {
        TemplateName: sesTemplateName(LOCAL_TEMPLATE_STAGE, template.name, language),
        TemplateContent: { Subject: subject, Html: html, Text: text },
      };
      try {
        await ses.send(new CreateEmailTemplateCommand(input));
      } catch (error) {
        if (!(error instanceof AlreadyExistsException)) throw error;
        await ses.send(new UpdateEmailTemplateCommand(input));
      }
    }
  }
}

async function createTable(endpoint: string, tableName: string): Promise<void> {
  try {
    await new DynamoDBClient(clientConfig(endpoint)).send(
      new CreateTableCommand(createTableInput(tableName)),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}

async function createBucket(endpoint: string, bucket: string): Promise<void> {
  const s3 = new S3Client({ ...clientConfig(endpoint), forcePathStyle: true });
  const exists = await s3.send(new HeadBucketCommand({ Bucket: bucket })).then(
    () => true,
    () => false,
  );
  if (!exists) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
}

/** Creates every group of USER_GROUPS the pool lacks (one per role, plus the operators'). */
async function ensureGroups(cognito: CognitoIdentityProviderClient, userPoolId: string): Promise<void> {
  for (const group of USER_GROUPS) {
    try {
      await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group }));
    } catch (error) {
      if (!(error instanceof Error && error.name === 'GroupExistsException')) throw error;
    }
  }
}

async function ensureUserPool(endpoint: string): Promise<{ userPoolId: string; userPoolClientId: string }> {
  const cognito = new CognitoIdentityProviderClient(clientConfig(endpoint));
  const { UserPools = [] } = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const existing = UserPools.find((pool) => pool.Name === USER_POOL_NAME);
  if (existing?.Id) {
    const { UserPoolClients = [] } = await cognito.send(
      new ListUserPoolClientsCommand({ UserPoolId: existing.Id }),
    );
    const client = UserPoolClients[0]?.ClientId;
    if (client) {
      // A pool made before a role was added lacks its group.
      await ensureGroups(cognito, existing.Id);
      return { userPoolId: existing.Id, userPoolClientId: client };
    }
  }
  const { UserPool } = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: USER_POOL_NAME,
      UsernameAttributes: ['email'],
      Schema: [{ Name: 'tenantId', AttributeDataType: 'String', Mutable: false }],
    }),
  );
  const userPoolId = UserPool?.Id;
  if (!userPoolId) throw new Error('cognito-local returned no user pool id');
  await ensureGroups(cognito, userPoolId);
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'admin-api',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  if (!UserPoolClient?.ClientId) throw new Error('cognito-local returned no client id');
  return { userPoolId, userPoolClientId: UserPoolClient.ClientId };
}
