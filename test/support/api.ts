import { inject } from 'vitest';
import { issueDevelopmentCredential } from '#shared/auth/development-credential';
import { newId } from '#shared/ids';

export const baseUrl = inject('baseUrl');

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is, instead of JSON-encoding `body`. */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
  token?: string | null;
}

export async function request<T = unknown>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array | undefined = options.rawBody;
  if (body === undefined && options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: tests that care look at `text`.
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

export interface TestTenant {
  tenantId: string;
  token: string;
  call<T = unknown>(
    method: string,
    path: string,
    options?: Omit<RequestOptions, 'token'>,
  ): Promise<ApiResponse<T>>;
}

/**
 * A fresh tenant for one test, with a development credential holding the given role and scopes; with
 * `tenantOf`, another principal of that tenant instead.
 */
export function newTenant(
  options: { role?: string; scopes?: string[]; operator?: boolean; tenantOf?: TestTenant } = {},
): TestTenant {
  const tenantId = options.tenantOf?.tenantId ?? newId('organization');
  const token = issueDevelopmentCredential(
    {
      tenantId,
      principalId: newId('user'),
      role: options.role ?? 'admin',
      scopes: options.scopes ?? ['*'],
      operator: options.operator,
    },
    inject('developmentCredentialSecret'),
  );
  return { tenantId, token, call: (method, path, rest = {}) => request(method, path, { ...rest, token }) };
}
