/**
 * `POST /mcp`: the trust center's public, read-only MCP server (Streamable HTTP, stateless, JSON answers).
 * The route validates the JSON-RPC envelope and throttles; the MCP SDK itself is loaded only here, on the
 * first call (mcp-server.ts), so no other operation of the function pays for it.
 */
import * as z from 'zod';
import { noTrustCenter, service, tags } from '#services/trust-center/route-parts';
import { trustCenterViewer } from '#services/trust-center/viewer';
import { consumeLimits, mcpMeters } from '#shared/http/rate-limit';
import { defineRoute } from '#shared/http/route';
import { singleLine } from '#shared/http/text-fields';

/** A JSON-RPC 2.0 request, notification or response, as MCP clients send them (no batches since 2025-06-18). */
export const mcpMessage = z
  .looseObject({
    jsonrpc: z.literal('2.0'),
    id: z.union([singleLine(200, { trim: false }), z.number().int()]).optional(),
    method: singleLine(200).optional(),
    params: z.looseObject({}).optional(),
  })
  .meta({ id: 'McpMessage' });

const mcpAnswer = z
  .looseObject({ jsonrpc: z.literal('2.0'), id: z.union([z.string(), z.number(), z.null()]) })
  .meta({ id: 'McpAnswer' });

export const mcpRoutes = [
  defineRoute({
    service,
    method: 'POST',
    path: '/mcp',
    operationId: 'callMcp',
    summary: "This trust center's MCP server (read-only)",
    description:
      'Public: no credential; the trust center is the one of the host. A Model Context Protocol server over Streamable HTTP, stateless, answering JSON (no SSE streams: GET is 405). Tools: `list_certifications`, `list_subprocessors`, `list_documents`, `search_knowledge_base`, `request_document_access` (the link where a person asks for restricted documents; it grants nothing). Throttled per source address and per trust center (429 with `Retry-After`).',
    tags,
    auth: 'public',
    request: { body: mcpMessage, maxBodyBytes: 64 * 1024 },
    responses: {
      200: { description: 'The JSON-RPC answer', schema: mcpAnswer },
      202: { description: 'A notification or response was accepted' },
      404: noTrustCenter,
    },
    async handler({ body, headers, sourceIp }) {
      const viewer = await trustCenterViewer(headers);
      await consumeLimits(viewer.tenantId, mcpMeters(sourceIp));
      const { answerMcp } = await import('#services/trust-center/mcp-server');
      return answerMcp(viewer, body, headers);
    },
  }),
];
