import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import type { ComponentHealth, RunningEmulator } from './emulator.ts';

/**
 * The part of API Gateway's control plane the services use at run time, on its REST-JSON wire
 * protocol so `@aws-sdk/client-api-gateway` works unchanged: GetUsagePlans, CreateApiKey,
 * CreateUsagePlanKey, DeleteUsagePlanKey, GetUsage, DeleteApiKey, GetApiKey, FlushStageAuthorizersCache. The local gateway asks it which usage plan an API key value belongs to, as
 * API Gateway does before it throttles. Keys persist in one JSON file.
 */
interface StoredKey {
  id: string;
  value: string;
  name: string;
  enabled: boolean;
  usagePlanIds: string[];
  createdDate: string;
}

export interface ApiGatewayEmulator extends RunningEmulator {
  /** The usage plan a key value is attached to, if the key exists and is enabled. */
  usagePlanOf(value: string): string | undefined;
}

function send(response: ServerResponse, status: number, body?: unknown): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json');
  response.end(body === undefined ? '' : JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function view(key: StoredKey) {
  // Timestamps travel as epoch seconds in API Gateway's JSON.
  const createdDate = Math.floor(Date.parse(key.createdDate) / 1000);
  return { id: key.id, value: key.value, name: key.name, enabled: key.enabled, createdDate, stageKeys: [] };
}

export async function startApiGateway(options: {
  file: string;
  usagePlanIds: readonly string[];
  /** FlushStageAuthorizersCache: the local gateway empties its authorizer cache. */
  onFlushAuthorizerCache?: () => void;
  /** GetUsage: `[used, remaining]` of a key value on a plan and UTC day, from the gateway's limiter. */
  usageOf?: (value: string, planId: string, day: string) => [number, number];
}): Promise<ApiGatewayEmulator> {
  const keys = new Map<string, StoredKey>();
  const byValue = new Map<string, StoredKey>();
  const stored = await readFile(options.file, 'utf8').then(
    (text) => JSON.parse(text) as StoredKey[],
    () => [],
  );
  for (const key of stored) {
    keys.set(key.id, key);
    byValue.set(key.value, key);
  }
  const persist = async () => {
    await mkdir(dirname(options.file), { recursive: true });
    await writeFile(options.file, JSON.stringify([...keys.values()]), { mode: 0o600 });
  };
  const notFound = (response: ServerResponse) =>
    send(response, 404, { message: 'Invalid API Key identifier specified', __type: 'NotFoundException' });

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    void (async () => {
      if (request.method === 'POST' && parts.length === 1 && parts[0] === 'apikeys') {
        const body = await readJson(request);
        const key: StoredKey = {
          id: randomBytes(5).toString('hex'),
          value: typeof body.value === 'string' ? body.value : randomBytes(30).toString('base64url'),
          name: String(body.name ?? ''),
          enabled: body.enabled !== false,
          usagePlanIds: [],
          createdDate: new Date().toISOString(),
        };
        keys.set(key.id, key);
        byValue.set(key.value, key);
        await persist();
        return send(response, 201, view(key));
      }
      if (
        request.method === 'DELETE' &&
        parts[0] === 'restapis' &&
        parts[2] === 'stages' &&
        parts[4] === 'cache' &&
        parts[5] === 'authorizers'
      ) {
        options.onFlushAuthorizerCache?.();
        return send(response, 202);
      }
      if (request.method === 'GET' && parts.length === 1 && parts[0] === 'usageplans') {
        // Locally each plan tier is a usage plan whose id and name are the tier's name.
        return send(response, 200, { item: options.usagePlanIds.map((id) => ({ id, name: id })) });
      }
      if (parts[0] === 'apikeys' && parts.length === 2) {
        const key = keys.get(parts[1] ?? '');
        if (!key) return notFound(response);
        if (request.method === 'GET') return send(response, 200, view(key));
        if (request.method === 'DELETE') {
          keys.delete(key.id);
          byValue.delete(key.value);
          await persist();
          return send(response, 202);
        }
      }
      if (
        request.method === 'POST' &&
        parts[0] === 'usageplans' &&
        parts[2] === 'keys' &&
        parts.length === 3
      ) {
        const planId = parts[1] ?? '';
        const body = await readJson(request);
        const key = keys.get(String(body.keyId ?? ''));
        if (!options.usagePlanIds.includes(planId) || !key) {
          return send(response, 404, {
            message: 'Invalid Usage Plan or API Key',
            __type: 'NotFoundException',
          });
        }
        // API Gateway allows a key in only one plan per stage: moving it takes a DeleteUsagePlanKey first.
        if (key.usagePlanIds.length > 0) {
          return send(response, 409, {
            message: `API Key ${key.id} is already associated with a usage plan of this stage`,
            __type: 'ConflictException',
          });
        }
        key.usagePlanIds = [planId];
        await persist();
        return send(response, 201, { id: key.id, type: 'API_KEY', value: key.value, name: key.name });
      }
      if (
        request.method === 'DELETE' &&
        parts[0] === 'usageplans' &&
        parts[2] === 'keys' &&
        parts.length === 4
      ) {
        const key = keys.get(parts[3] ?? '');
        if (!key?.usagePlanIds.includes(parts[1] ?? '')) {
          return send(response, 404, { message: 'Invalid Usage Plan Key', __type: 'NotFoundException' });
        }
        key.usagePlanIds = key.usagePlanIds.filter((id) => id !== parts[1]);
        await persist();
        return send(response, 202);
      }
      if (
        request.method === 'GET' &&
        parts[0] === 'usageplans' &&
        parts[2] === 'usage' &&
        parts.length === 3
      ) {
        const planId = parts[1] ?? '';
        const startDate = url.searchParams.get('startDate') ?? '';
        const endDate = url.searchParams.get('endDate') ?? '';
        const keyIds = url.searchParams.get('keyId')
          ? [url.searchParams.get('keyId') ?? '']
          : [...keys.values()].filter((key) => key.usagePlanIds.includes(planId)).map((key) => key.id);
        const days: string[] = [];
        const day = new Date(`${startDate}T00:00:00Z`);
        while (
          !Number.isNaN(day.getTime()) &&
          day.toISOString().slice(0, 10) <= endDate &&
          days.length < 366
        ) {
          days.push(day.toISOString().slice(0, 10));
          day.setUTCDate(day.getUTCDate() + 1);
        }
        const values: Record<string, [number, number][]> = {};
        for (const id of keyIds) {
          const key = keys.get(id);
          if (!key?.usagePlanIds.includes(planId)) continue;
          values[id] = days.map((day) => options.usageOf?.(key.value, planId, day) ?? [0, 0]);
        }
        return send(response, 200, { usagePlanId: planId, startDate, endDate, values });
      }
      return send(response, 404, {
        message: `No emulation for ${request.method} ${url.pathname}`,
        __type: 'NotFoundException',
      });
    })().catch((error: unknown) =>
      send(response, 400, { message: String(error), __type: 'BadRequestException' }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    usagePlanOf(value) {
      const key = byValue.get(value);
      return key?.enabled ? key.usagePlanIds[0] : undefined;
    },
    async health(): Promise<ComponentHealth> {
      return server.listening ? { ok: true } : { ok: false, detail: 'not listening' };
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
