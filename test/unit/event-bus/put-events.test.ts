import { EventBridgeClient, ListRulesCommand, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type EventBridgeEvent,
  type EventBusServer,
  LocalEventBus,
  startEventBusServer,
} from '#infra/local/event-bus/index';

const origin = { account: '000000000000', region: 'us-east-1' };
const bus = new LocalEventBus();
let server: EventBusServer;
let client: EventBridgeClient;
let delivered: EventBridgeEvent[];

beforeAll(async () => {
  server = await startEventBusServer(bus, origin);
  client = new EventBridgeClient({
    endpoint: server.endpoint,
    region: origin.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client.destroy();
  await server.stop();
});

beforeEach(() => {
  delivered = [];
  bus.addRule({
    name: 'documents',
    eventPattern: { source: ['trust-center.documents'] },
    target: async (event) => {
      delivered.push(event);
    },
  });
});

const documentPublished = {
  Source: 'trust-center.documents',
  DetailType: 'document.published',
  Detail: JSON.stringify({ tenant_id: 'org_1', document_id: 'doc_1' }),
};

describe('PutEvents over the EventBridge wire protocol', () => {
  it('answers with an event id for each accepted entry', async () => {
    // Prepare
    const command = new PutEventsCommand({ Entries: [documentPublished, documentPublished] });

    // Act
    const response = await client.send(command);

    // Assess
    expect(response).toMatchObject({
      FailedEntryCount: 0,
      Entries: [{ EventId: expect.any(String) }, { EventId: expect.any(String) }],
    });
  });

  it('delivers the full EventBridge event shape to a matching rule', async () => {
    // Prepare
    const command = new PutEventsCommand({
      Entries: [
        { ...documentPublished, Resources: ['arn:local:doc_1'], Time: new Date('2025-03-04T05:06:07.890Z') },
      ],
    });

    // Act
    const response = await client.send(command);
    await bus.settled();

    // Assess
    expect(delivered).toEqual([
      {
        version: '0',
        id: response.Entries?.[0]?.EventId,
        'detail-type': 'document.published',
        source: 'trust-center.documents',
        account: '000000000000',
        time: '2025-03-04T05:06:07Z',
        region: 'us-east-1',
        resources: ['arn:local:doc_1'],
        detail: { tenant_id: 'org_1', document_id: 'doc_1' },
      },
    ]);
  });

  it('stamps the event with the current time when the entry has none', async () => {
    // Prepare
    const before = Math.floor(Date.now() / 1000) * 1000;

    // Act
    await client.send(new PutEventsCommand({ Entries: [documentPublished] }));
    await bus.settled();

    // Assess
    expect(Date.parse(delivered[0]?.time ?? '')).toBeGreaterThanOrEqual(before);
  });

  it('fails an entry without a detail and accepts the others', async () => {
    // Prepare
    const command = new PutEventsCommand({
      Entries: [documentPublished, { Source: 'trust-center.documents', DetailType: 'document.published' }],
    });

    // Act
    const response = await client.send(command);

    // Assess
    expect(response).toMatchObject({
      FailedEntryCount: 1,
      Entries: [
        { EventId: expect.any(String) },
        { ErrorCode: 'InvalidArgument', ErrorMessage: expect.any(String) },
      ],
    });
  });

  it('fails an entry whose detail is not a JSON object', async () => {
    // Prepare
    const command = new PutEventsCommand({ Entries: [{ ...documentPublished, Detail: '[1, 2]' }] });

    // Act
    const response = await client.send(command);

    // Assess
    expect(response).toMatchObject({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' }],
    });
  });

  it('does not deliver a failed entry', async () => {
    // Prepare
    const command = new PutEventsCommand({ Entries: [{ ...documentPublished, Detail: 'not json' }] });

    // Act
    await client.send(command);
    await bus.settled();

    // Assess
    expect(delivered).toEqual([]);
  });

  it('rejects a request with more than ten entries', async () => {
    // Prepare
    const command = new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => documentPublished) });

    // Act
    const sending = client.send(command);

    // Assess
    await expect(sending).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('rejects a request whose entries exceed 256 KB', async () => {
    // Prepare
    const large = { ...documentPublished, Detail: JSON.stringify({ text: 'x'.repeat(200 * 1024) }) };
    const command = new PutEventsCommand({ Entries: [large, large] });

    // Act
    const sending = client.send(command);

    // Assess
    await expect(sending).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('lists the rules of the bus', async () => {
    // Prepare
    const command = new ListRulesCommand({});

    // Act
    const response = await client.send(command);

    // Assess
    expect(response.Rules).toEqual([
      expect.objectContaining({
        Name: 'documents',
        EventPattern: JSON.stringify({ source: ['trust-center.documents'] }),
        State: 'ENABLED',
      }),
    ]);
  });
});
