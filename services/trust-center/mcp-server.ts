/**
 * The MCP server of one trust center, built per request (stateless) with the official SDK's McpServer and
 * its web-standard Streamable HTTP transport, answering JSON. Loaded only by `POST /mcp` (dynamic import in
 * mcp-route.ts). Every tool reads what the public overview shows, nothing more: it lists documents with their
 * access level and hands out the link of the access-request form, never a file of a restricted document.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import * as z from 'zod';
import {
  publicCertification,
  publicDocument,
  publicSubprocessor,
  type TrustCenterContent,
  trustCenterContent,
} from '#services/trust-center/overview';
import { searchTrustCenter } from '#services/trust-center/search';
import { pageUrl, requestAccessUrl } from '#services/trust-center/site-links';
import type { TrustCenterViewer } from '#services/trust-center/viewer';
import { ValidationError } from '#shared/errors';
import type { RouteResponse } from '#shared/http/route';
import { singleLine } from '#shared/http/text-fields';
import { LANGUAGES, type Language } from '#shared/languages';

const language = z
  .enum(LANGUAGES)
  .optional()
  .describe("The language to answer in; the trust center's default language when absent or not offered.");
const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/** A tool's answer: the data as JSON text (what every MCP client shows a model). */
function answer(data: unknown) {
  return { content: [{ type: 'text' as const, text: JSON.stringify(data, null, 2) }] };
}

function languageFor(content: TrustCenterContent, asked: Language | undefined): Language {
  return asked && content.brand.languages.includes(asked) ? asked : content.brand.defaultLanguage;
}

/** The read-only tools of the trust center `viewer` reached. */
function trustCenterServer(viewer: TrustCenterViewer, content: TrustCenterContent): McpServer {
  const { brand } = content;
  const server = new McpServer(
    { name: brand.title, version: '1.0.0' },
    {
      instructions: `Read-only facts about the security and compliance of ${brand.title}: certifications, subprocessors, documents and answers to security questions. Restricted documents are never handed out here: request_document_access gives the form where a person asks for them.`,
    },
  );
  server.registerTool(
    'list_certifications',
    {
      title: 'List certifications',
      description: 'Every certification (SOC 2, ISO 27001, …) with issuer, validity dates and status today.',
      inputSchema: { language },
      annotations: readOnly,
    },
    async (args) => {
      const lang = languageFor(content, args.language);
      return answer({
        certifications: content.certifications.map((item) => publicCertification(item, lang)),
      });
    },
  );
  server.registerTool(
    'list_subprocessors',
    {
      title: 'List subprocessors',
      description: 'The third parties that process customer data: purpose, data categories, country.',
      inputSchema: { language },
      annotations: readOnly,
    },
    async (args) => {
      const lang = languageFor(content, args.language);
      return answer({ subprocessors: content.subprocessors.map((item) => publicSubprocessor(item, lang)) });
    },
  );
  server.registerTool(
    'list_documents',
    {
      title: 'List documents',
      description:
        'The compliance documents with their access level: `public` ones link to their download page; `restricted` and `requires_nda` ones link to the form where a person requests access.',
      inputSchema: { language },
      annotations: readOnly,
    },
    async (args) => {
      const lang = languageFor(content, args.language);
      const documents = content.documents.map((item) => {
        const view = publicDocument(item, lang);
        return view.access_level === 'public'
          ? { ...view, download_page: pageUrl(viewer.origin, lang, `documents/${view.id}/download`) }
          : { ...view, request_access_url: requestAccessUrl(viewer.origin, lang, [view.id]) };
      });
      return answer({ documents });
    },
  );
  server.registerTool(
    'search_knowledge_base',
    {
      title: 'Search the knowledge base',
      description: 'Answers to security questions, best match first; typos are tolerated.',
      inputSchema: {
        query: singleLine(200).describe('What to look for.'),
        language,
        limit: z
          .number()
          .int()
          .min(1)
          .max(20)
          .optional()
          .describe('How many answers, 1 to 20 (5 by default).'),
      },
      annotations: readOnly,
    },
    async (args) => {
      const lang = languageFor(content, args.language);
      return answer(await searchTrustCenter(viewer.tenantId, lang, args.query, args.limit ?? 5));
    },
  );
  server.registerTool(
    'request_document_access',
    {
      title: 'Get the link to request access to documents',
      description:
        'The access-request form for restricted or NDA-gated documents, with them chosen. A person fills it in (name, email, company, the NDA where needed) and the trust center reviews the request; this link grants nothing by itself.',
      inputSchema: {
        document_ids: z.array(singleLine(40)).min(1).max(50).describe('Ids from list_documents.'),
        language,
      },
      annotations: readOnly,
    },
    async (args) => {
      const lang = languageFor(content, args.language);
      const listed = new Map(content.documents.map((item) => [item.id, item]));
      const unknown = args.document_ids.filter((id) => !listed.has(id));
      if (unknown.length > 0) {
        return { ...answer({ error: `No such document: ${unknown.join(', ')}` }), isError: true };
      }
      const gated = args.document_ids.filter((id) => listed.get(id)?.access_level !== 'public');
      return answer({
        request_access_url: gated.length > 0 ? requestAccessUrl(viewer.origin, lang, gated) : null,
        public_documents: args.document_ids
          .filter((id) => !gated.includes(id))
          .map((id) => ({ id, download_page: pageUrl(viewer.origin, lang, `documents/${id}/download`) })),
      });
    },
  );
  return server;
}

/**
 * Answers one MCP message for the trust center `viewer` reached: a JSON-RPC answer (200), an accepted
 * notification (202), or a transport refusal as a ValidationError (400, the platform's error format).
 */
export async function answerMcp(
  viewer: TrustCenterViewer,
  message: unknown,
  headers: Readonly<Record<string, string>>,
): Promise<RouteResponse> {
  const content = await trustCenterContent(viewer.tenantId);
  const server = trustCenterServer(viewer, content);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    // The pipeline has parsed and checked the body, and every answer here is JSON: the client's Accept is
    // not a reason to refuse it (Streamable HTTP lists both types; a plain JSON client sends one or none).
    const request = new Request(`${viewer.origin}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...(headers['mcp-protocol-version']
          ? { 'mcp-protocol-version': headers['mcp-protocol-version'] }
          : {}),
      },
      body: JSON.stringify(message),
    });
    const response = await transport.handleRequest(request, { parsedBody: message });
    const text = await response.text();
    if (response.status === 202) return { status: 202 };
    if (response.status >= 400) {
      throw new ValidationError(
        refusalMessage(text) ?? `The MCP request was refused (${response.status})`,
        'body',
      );
    }
    return {
      status: 200,
      body: JSON.parse(text),
      headers: { 'Cache-Control': 'no-store' },
    };
  } finally {
    await server.close();
  }
}

/** The message of a JSON-RPC error body, if the text is one. */
function refusalMessage(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } };
    return typeof parsed.error?.message === 'string' ? parsed.error.message : undefined;
  } catch {
    return undefined;
  }
}
