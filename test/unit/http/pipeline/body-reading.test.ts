import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { DEFAULT_MAX_BODY_BYTES } from '#shared/http/pipeline';
import type { RouteRequest } from '#shared/http/route';
import { invoke, route } from './invoke.ts';

type AnyRequest = RouteRequest<unknown, unknown, unknown>;

/** A JSON-body POST whose handler answers with the body it was given. */
function jsonRoute(options: { maxBodyBytes?: number; body?: z.ZodType } = {}) {
  return route({
    method: 'POST',
    request: { body: options.body ?? z.object({ name: z.string() }), maxBodyBytes: options.maxBodyBytes },
    handler: async (request: AnyRequest) => ({ status: 200, body: { received: request.body ?? null } }),
  });
}

/** A raw-body PUT taking a PDF or PNG of up to 16 bytes; its handler answers with the bytes in hex. */
function fileRoute() {
  return route({
    method: 'PUT',
    request: { rawBody: { contentTypes: ['application/pdf', 'image/png'], maxBytes: 16 } },
    handler: async (request: AnyRequest) => ({
      status: 200,
      body: { hex: request.rawBody?.toString('hex') ?? null },
    }),
  });
}

const json = { 'Content-Type': 'application/json' };

describe('the pipeline reads a JSON body', () => {
  it('parses it and hands it to the handler', async () => {
    const answer = await invoke(jsonRoute(), { headers: json, body: '{"name":"Acme"}' });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ received: { name: 'Acme' } });
  });

  it('accepts a charset and any case in the Content-Type header', async () => {
    const answer = await invoke(jsonRoute(), {
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
      body: '{"name":"Acme"}',
    });

    expect(answer.status).toBe(200);
  });

  it('decodes a base64-encoded body', async () => {
    const answer = await invoke(jsonRoute(), { headers: json, body: Buffer.from('{"name":"Acme"}') });

    expect(answer.body).toEqual({ received: { name: 'Acme' } });
  });

  it('answers 413 for a body over the route’s limit', async () => {
    const answer = await invoke(jsonRoute({ maxBodyBytes: 16 }), {
      headers: json,
      body: JSON.stringify({ name: 'x'.repeat(16) }),
    });

    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({
      error: {
        type: 'payload_too_large',
        message: 'Request body exceeds the limit of 16 bytes',
        param: 'body',
      },
    });
  });

  it('answers 413 for a body over the default limit when the route sets none', async () => {
    const answer = await invoke(jsonRoute(), {
      headers: json,
      body: JSON.stringify({ name: 'x'.repeat(DEFAULT_MAX_BODY_BYTES) }),
    });

    expect(answer.status).toBe(413);
  });

  it('answers 415 for a body that is not declared JSON', async () => {
    const answer = await invoke(jsonRoute(), {
      headers: { 'Content-Type': 'text/plain' },
      body: '{"name":"Acme"}',
    });

    expect(answer.status).toBe(415);
    expect(answer.body).toEqual({
      error: {
        type: 'unsupported_media_type',
        message: 'Content-Type must be one of: application/json',
        param: 'Content-Type',
      },
    });
  });

  it('answers 400 for a body that is not valid JSON', async () => {
    const answer = await invoke(jsonRoute(), { headers: json, body: '{"name":' });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: { type: 'validation_error', message: 'The request body is not valid JSON', param: 'body' },
    });
  });

  it('treats an empty body as none, for a route whose body is optional', async () => {
    const answer = await invoke(jsonRoute({ body: z.object({ reason: z.string() }).optional() }), {
      body: '',
    });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ received: null });
  });
});

describe('the pipeline reads a raw body', () => {
  it('hands the bytes to the handler as they were sent', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);

    const answer = await invoke(fileRoute(), { headers: { 'Content-Type': 'image/png' }, body: bytes });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ hex: bytes.toString('hex') });
  });

  it('answers 400 when there is no body', async () => {
    const answer = await invoke(fileRoute(), { headers: { 'Content-Type': 'image/png' } });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { type: 'validation_error', param: 'body' } });
  });

  it('answers 413 for a file over the route’s limit', async () => {
    const answer = await invoke(fileRoute(), {
      headers: { 'Content-Type': 'image/png' },
      body: Buffer.alloc(17),
    });

    expect(answer.status).toBe(413);
  });

  it('answers 415 naming the accepted types for another content type', async () => {
    const answer = await invoke(fileRoute(), {
      headers: { 'Content-Type': 'text/html' },
      body: Buffer.from('<html>'),
    });

    expect(answer.status).toBe(415);
    expect(answer.body).toMatchObject({
      error: { message: 'Content-Type must be one of: application/pdf, image/png', param: 'Content-Type' },
    });
  });

  it('gives a JSON route’s handler no raw body', async () => {
    const target = route({
      method: 'POST',
      request: { body: z.object({ name: z.string() }) },
      handler: async (request: AnyRequest) => ({ status: 200, body: { raw: request.rawBody ?? null } }),
    });

    const answer = await invoke(target, { headers: json, body: '{"name":"Acme"}' });

    expect(answer.body).toEqual({ raw: null });
  });
});
