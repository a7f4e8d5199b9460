import { beforeAll, describe, expect, it } from 'vitest';
import {
  countAll,
  cursorRejection,
  listingOf,
  offsetListBody,
  openCursor,
  openPosition,
  type PageReader,
  readOffsetPage,
  sealCursor,
} from '#shared/http/pagination';

const accounts = listingOf('listAccounts', 'org_A', { query: { limit: 20 } });

describe('pagination cursors', () => {
  beforeAll(() => {
    process.env.TC_CURSOR_SECRET = 'unit-test-cursor-secret';
  });

  it('opens a cursor sealed for the same listing to the same position', async () => {
    const cursor = await sealCursor(accounts, '{"pk":"x","sk":"y"}');

    expect(await openCursor(accounts, cursor ?? undefined)).toBe('{"pk":"x","sk":"y"}');
  });

  it('seals the end of a listing as null', async () => {
    expect(await sealCursor(accounts, null)).toBeNull();
  });

  it('ignores the page size when binding: a cursor works with another limit', async () => {
    const cursor = await sealCursor(accounts, 'position');
    const otherLimit = listingOf('listAccounts', 'org_A', { query: { limit: 5, cursor: 'x' } });

    expect(await openCursor(otherLimit, cursor ?? undefined)).toBe('position');
  });

  it.each([
    ['another tenant', listingOf('listAccounts', 'org_B', { query: { limit: 20 } })],
    ['another list', listingOf('listDocuments', 'org_A', { query: { limit: 20 } })],
    ['another account', listingOf('listAccountContacts', 'org_A', { params: { id: 'acc_2' } })],
    ['another filter', listingOf('listAccounts', 'org_A', { query: { status: 'active' } })],
  ])('refuses a cursor sealed for %s', async (_, listing) => {
    const cursor = await sealCursor(
      listingOf('listAccountContacts', 'org_A', { params: { id: 'acc_1' } }),
      'position',
    );
    const own = await sealCursor(accounts, 'position');

    const refused = await Promise.allSettled([
      openCursor(listing, cursor ?? undefined),
      openCursor(listing, own ?? undefined),
    ]);

    for (const outcome of refused) {
      expect(outcome).toMatchObject({
        status: 'rejected',
        reason: { name: 'ValidationError', param: 'cursor' },
      });
    }
  });

  it('refuses a cursor whose position was changed', async () => {
    const cursor = (await sealCursor(accounts, 'position')) ?? '';
    const [, signature] = cursor.split('.');
    const forged = `${Buffer.from('["other",0]').toString('base64url')}.${signature}`;

    await expect(openCursor(accounts, forged)).rejects.toMatchObject({
      name: 'ValidationError',
      param: 'cursor',
    });
  });

  it.each(['', 'no-dot', 'a.b.c', '.'])('refuses the malformed cursor %j', async (cursor) => {
    await expect(openCursor(accounts, cursor)).rejects.toMatchObject({
      name: 'ValidationError',
      param: 'cursor',
    });
  });

  it('carries the offset of the next page inside the cursor', async () => {
    const cursor = await sealCursor(accounts, 'position', 40);

    expect(await openPosition(accounts, cursor ?? undefined)).toEqual({ position: 'position', offset: 40 });
  });
});

/** A store of `size` numbered items read in pages, as ElectroDB does: position = index of the next item. */
function store(size: number): { read: PageReader<number>; reads: () => number } {
  let reads = 0;
  return {
    reads: () => reads,
    read: async ({ limit, position }) => {
      reads += 1;
      const start = position === null ? 0 : Number(position);
      const items = Array.from({ length: Math.max(0, Math.min(limit, size - start)) }, (_, i) => start + i);
      const next = start + items.length;
      // Like DynamoDB, a page that ends exactly at the end may still carry a position.
      return { items, position: next <= size && items.length === limit ? String(next) : null };
    },
  };
}

describe('offset paging', () => {
  beforeAll(() => {
    process.env.TC_CURSOR_SECRET = 'unit-test-cursor-secret';
  });

  it('skips exactly offset items and answers seed 4 counts', async () => {
    const { read } = store(150);

    const page = await readOffsetPage(accounts, { limit: 20, offset: 40 }, read);
    const body = await offsetListBody('accounts', accounts, page, { limit: 20, total: 150 });

    expect(body).toMatchObject({ total: 150, limit: 20, offset: 40, has_more: true });
    expect(body.accounts).toEqual(Array.from({ length: 20 }, (_, i) => 40 + i));
  });

  it.each([0, 1, 19, 20, 21, 99, 100])('ends after exactly %i items, each once', async (size) => {
    const { read } = store(size);
    const seen: number[] = [];

    for (let offset = 0, guard = 0; guard < 50; guard += 1) {
      const page = await readOffsetPage(accounts, { limit: 20, offset }, read);
      const body = await offsetListBody('accounts', accounts, page, { limit: 20, total: size });
      seen.push(...body.accounts);
      if (!body.has_more) break;
      offset += body.accounts.length;
    }

    expect(seen).toEqual(Array.from({ length: size }, (_, i) => i));
  });

  it('answers an empty last page past the end, with has_more false', async () => {
    const page = await readOffsetPage(accounts, { limit: 20, offset: 500 }, store(30).read);
    const body = await offsetListBody('accounts', accounts, page, { limit: 20, total: 30 });

    expect(body).toMatchObject({ accounts: [], offset: 500, has_more: false, next_cursor: null });
  });

  it('follows a cursor from an offset page, keeping the running offset', async () => {
    const { read } = store(45);
    const first = await readOffsetPage(accounts, { limit: 20, offset: 5 }, read);
    const firstBody = await offsetListBody('accounts', accounts, first, { limit: 20, total: 45 });

    const second = await readOffsetPage(
      accounts,
      { limit: 20, cursor: firstBody.next_cursor ?? undefined },
      read,
    );
    const secondBody = await offsetListBody('accounts', accounts, second, { limit: 20, total: 45 });

    expect(secondBody).toMatchObject({ offset: 25, has_more: false, next_cursor: null });
    expect(secondBody.accounts).toEqual(Array.from({ length: 20 }, (_, i) => 25 + i));
  });

  it('refuses cursor and offset together, naming offset', async () => {
    const cursor = (await sealCursor(accounts, '3')) ?? undefined;

    await expect(
      readOffsetPage(accounts, { limit: 20, cursor, offset: 3 }, store(5).read),
    ).rejects.toMatchObject({ name: 'ValidationError', param: 'offset' });
  });

  it('counts a whole listing through its reader', async () => {
    expect(await countAll(store(2345).read)).toBe(2345);
  });
});

describe('store refusals of a cursor', () => {
  const startKey = Object.assign(new Error('The provided starting key is invalid'), {
    name: 'ValidationException',
  });
  const electroWrapped = new Error(
    'Error thrown by DynamoDB client: "Exclusive Start Key must have same size"',
    {
      cause: startKey,
    },
  );

  it.each([
    ['DynamoDB', startKey],
    ['ElectroDB around DynamoDB', electroWrapped],
    ['ElectroDB parsing', new Error('Unable to parse cursor')],
  ])('turns a %s start-key refusal into 400 cursor when a cursor was sent', (_, error) => {
    expect(cursorRejection(error, { cursor: 'abc' })).toMatchObject({
      name: 'ValidationError',
      param: 'cursor',
    });
  });

  it('leaves the same error ours (a 500) when no cursor was sent', () => {
    expect(cursorRejection(startKey, { limit: 20 })).toBeUndefined();
  });

  it('leaves other validation errors ours', () => {
    const other = Object.assign(new Error('One or more parameter values were invalid'), {
      name: 'ValidationException',
    });

    expect(cursorRejection(other, { cursor: 'abc' })).toBeUndefined();
  });
});
