import { request as httpRequest } from 'node:http';
import { baseUrl } from './api.ts';

export interface AddressedResponse<T = { error?: { type: string; message: string; param?: string } }> {
  status: number;
  body: T;
}

/**
 * A request sent from a chosen loopback address (Linux routes all of 127.0.0.0/8 to lo), so the gateway
 * sees that address as the caller's: how IP allowlists are tested without leaving the machine.
 */
export function callFrom<T = { error?: { type: string; message: string; param?: string } }>(
  localAddress: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<AddressedResponse<T>> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const call = httpRequest(
      new URL(path, baseUrl),
      {
        method,
        localAddress,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(payload ? { 'Content-Type': 'application/json' } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as T,
          }),
        );
      },
    );
    call.on('error', reject);
    call.end(payload);
  });
}
