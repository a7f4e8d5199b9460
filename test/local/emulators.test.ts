import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Emulators,
  type EventBridgeEvent,
  JavaMissingError,
  localAws,
  startEmulators,
} from '#infra/local/emulators/index';

const startTimeoutMs = 60_000;
const clientConfig = { region: localAws.region, credentials: localAws.credentials };

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function createDocumentsTable(dynamodb: DynamoDBClient, tableName: string): Promise<void> {
  await dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}

describe('the local emulators', { timeout: startTimeoutMs }, () => {
  let emulators: Emulators;

  beforeAll(async () => {
    emulators = await startEmulators({});
  }, startTimeoutMs);

  afterAll(async () => {
    await emulators?.stop();
  }, startTimeoutMs);

  it('bind every emulator to a loopback address', () => {
    // Prepare
    const endpoints = Object.values(emulators.endpoints);

    // Act
    const hosts = endpoints.map((endpoint) => new URL(endpoint).hostname);

    // Assess
    expect(new Set(hosts)).toEqual(new Set(['127.0.0.1']));
  });

  it('report every component healthy', async () => {
    // Prepare
    const allHealthy = { ok: true };

    // Act
    const health = await emulators.health();

    // Assess
    expect(health).toEqual({
      dynamodb: allHealthy,
      s3: allHealthy,
      cognito: allHealthy,
      ses: allHealthy,
      eventBus: allHealthy,
    });
  });

  it('run DynamoDB transactions', async () => {
    // Prepare
    const dynamodb = new DynamoDBClient({ ...clientConfig, endpoint: emulators.endpoints.dynamodb });
    await createDocumentsTable(dynamodb, 'trust-center');

    // Act
    await dynamodb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'trust-center', Item: { pk: { S: 'org_1' }, sk: { S: 'DOC#doc_1' } } } },
          { Put: { TableName: 'trust-center', Item: { pk: { S: 'org_1' }, sk: { S: 'OUTBOX#evt_1' } } } },
        ],
      }),
    );
    const outbox = await dynamodb.send(
      new GetItemCommand({
        TableName: 'trust-center',
        Key: { pk: { S: 'org_1' }, sk: { S: 'OUTBOX#evt_1' } },
      }),
    );
    dynamodb.destroy();

    // Assess
    expect(outbox.Item).toEqual({ pk: { S: 'org_1' }, sk: { S: 'OUTBOX#evt_1' } });
  });

  it('store and return S3 objects', async () => {
    // Prepare
    const s3 = new S3Client({
      ...clientConfig,
      endpoint: emulators.endpoints.s3,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'documents' }));

    // Act
    await s3.send(
      new PutObjectCommand({ Bucket: 'documents', Key: 'tenants/org_1/soc2.pdf', Body: 'SOC 2 report' }),
    );
    const object = await s3.send(
      new GetObjectCommand({ Bucket: 'documents', Key: 'tenants/org_1/soc2.pdf' }),
    );
    const body = await object.Body?.transformToString();
    s3.destroy();

    // Assess
    expect(body).toBe('SOC 2 report');
  });

  it('answer a CORS preflight for any bucket', async () => {
    // Prepare
    const preflight = {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'PUT' },
    };

    // Act
    const response = await fetch(`${emulators.endpoints.s3}/any-bucket/some-key`, preflight);

    // Assess
    expect([response.status, response.headers.get('access-control-allow-origin')]).toEqual([200, '*']);
  });

  it('create Cognito user pools', async () => {
    // Prepare
    const cognito = new CognitoIdentityProviderClient({
      ...clientConfig,
      endpoint: emulators.endpoints.cognito,
    });

    // Act
    const created = await cognito.send(new CreateUserPoolCommand({ PoolName: 'trust-center' }));
    cognito.destroy();

    // Assess
    expect(created.UserPool?.Id).toEqual(expect.any(String));
  });

  it('capture mail sent with SES v2', async () => {
    // Prepare
    const ses = new SESv2Client({ ...clientConfig, endpoint: emulators.endpoints.ses });

    // Act
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'no-reply@trust.example.com',
        Destination: { ToAddresses: ['visitor@customer.example.com'] },
        Content: {
          Simple: { Subject: { Data: 'Your access request' }, Body: { Text: { Data: 'Approved.' } } },
        },
      }),
    );
    ses.destroy();
    const store = (await (await fetch(`${emulators.endpoints.ses}/store`)).json()) as {
      emails: Array<{ subject: string; destination: { to: string[] } }>;
    };

    // Assess
    expect(store.emails).toContainEqual(
      expect.objectContaining({
        subject: 'Your access request',
        destination: expect.objectContaining({ to: ['visitor@customer.example.com'] }),
      }),
    );
  });

  it('deliver events put on the bus to a matching rule', async () => {
    // Prepare
    const delivered: EventBridgeEvent[] = [];
    emulators.eventBus.addRule({
      name: 'audit',
      eventPattern: { source: ['trust-center.documents'] },
      target: async (event) => {
        delivered.push(event);
      },
    });
    const eventBridge = new EventBridgeClient({ ...clientConfig, endpoint: emulators.endpoints.eventBus });

    // Act
    const response = await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'trust-center.documents', DetailType: 'document.published', Detail: '{"id":"doc_1"}' },
        ],
      }),
    );
    eventBridge.destroy();
    await emulators.eventBus.settled();

    // Assess
    expect(delivered).toEqual([
      expect.objectContaining({ id: response.Entries?.[0]?.EventId, detail: { id: 'doc_1' } }),
    ]);
  });

  describe('beside a second instance that keeps its data', () => {
    let dataDir: string;
    let second: Emulators;

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'emulators-test-'));
      second = await startEmulators({ dataDir });
    }, startTimeoutMs);

    afterAll(async () => {
      await second?.stop();
      await rm(dataDir, { recursive: true, force: true });
    }, startTimeoutMs);

    it('listen on ports of their own', () => {
      // Prepare
      const firstPorts = Object.values(emulators.endpoints).map((endpoint) => new URL(endpoint).port);

      // Act
      const secondPorts = Object.values(second.endpoints).map((endpoint) => new URL(endpoint).port);

      // Assess
      expect(secondPorts.filter((port) => firstPorts.includes(port))).toEqual([]);
    });

    it('keep DynamoDB tables across a restart', async () => {
      // Prepare
      const before = new DynamoDBClient({ ...clientConfig, endpoint: second.endpoints.dynamodb });
      await createDocumentsTable(before, 'persisted');
      before.destroy();
      await second.stop();

      // Act
      second = await startEmulators({ dataDir });
      const after = new DynamoDBClient({ ...clientConfig, endpoint: second.endpoints.dynamodb });
      const tables = await after.send(new ListTablesCommand({})).finally(() => after.destroy());

      // Assess
      expect(tables.TableNames).toEqual(['persisted']);
    });
  });

  it('stop without leaving a process or the temporary data behind', async () => {
    // Prepare
    const { pids, dataDir } = emulators;

    // Act
    await emulators.stop();

    // Assess
    expect({
      dynamodb: isRunning(pids.dynamodb),
      cognito: isRunning(pids.cognito),
      dataDir: existsSync(dataDir),
    }).toEqual({ dynamodb: false, cognito: false, dataDir: false });
  });
});

describe('starting without Java', () => {
  it('fails with instructions for installing it', async () => {
    // Prepare
    const path = process.env.PATH;
    process.env.PATH = '';

    // Act
    const starting = startEmulators({}).finally(() => {
      process.env.PATH = path;
    });

    // Assess
    await expect(starting).rejects.toThrow(JavaMissingError);
  });

  it('names the install command for Debian and Ubuntu and for macOS', () => {
    // Prepare
    const error = new JavaMissingError();

    // Act
    const { message } = error;

    // Assess
    expect(message).toMatch(/sudo apt-get install -y openjdk-17-jre-headless[\s\S]*brew install openjdk@17/);
  });
});
