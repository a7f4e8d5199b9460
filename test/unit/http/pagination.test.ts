import { beforeAll, describe, expect, it } from 'vitest';
import { openCursor, sealCursor } from '#shared/http/pagination';

describe('pagination cursors', () => {
  beforeAll(() => {
    process.env.TC_CURSOR_SECRET = 'unit-test-cursor-secret';
  });

  it('opens a cursor sealed for the same tenant to the same position', async () => {
    const cursor = await sealCursor('org_A', '{"pk":"x","sk":"y"}');

    expect(await openCursor('org_A', cursor ?? undefined)).toBe('{"pk":"x","sk":"y"}');
  });

  it('seals the end of a listing as null', async () => {
    expect(await sealCursor('org_A', null)).toBeNull();
  });

  it('refuses a cursor sealed for another tenant', async () => {
    const cursor = await sealCursor('org_A', 'position');

    await expect(openCursor('org_B', cursor ?? undefined)).rejects.toMatchObject({
      status: 400,
      param: 'cursor',
    });
  });

  it('refuses a cursor whose position was changed', async () => {
    const cursor = (await sealCursor('org_A', 'position')) ?? '';
    const [, signature] = cursor.split('.');
    const forged = `${Buffer.from('other').toString('base64url')}.${signature}`;

    await expect(openCursor('org_A', forged)).rejects.toMatchObject({ status: 400, param: 'cursor' });
  });

  it.each(['', 'no-dot', 'a.b.c', '.'])('refuses the malformed cursor %j', async (cursor) => {
    await expect(openCursor('org_A', cursor)).rejects.toMatchObject({ status: 400 });
  });
});
