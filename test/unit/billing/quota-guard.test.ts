import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { fitsQuota, guardWrite, refusalOf } from '#services/billing/quota-guard';
import { WriteConflict } from '#shared/data/outbox';
import { PreconditionFailedError } from '#shared/errors';

const TENANT = 'org_01TESTTENANT0000000000000';

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

describe('the quota guard write', () => {
  it('adds a creation to the kept use on the condition that the plan still has room for it', () => {
    const write = guardWrite(TENANT, 'documents', { version: 7, used: 20, counted: false }, 2, 25);

    expect(write?.Update).toMatchObject({
      Key: { pk: `${TENANT}#billing`, sk: 'quota#documents' },
      UpdateExpression: 'ADD #used :adding, #version :one',
      ConditionExpression: '#used <= :room',
      ExpressionAttributeValues: { ':adding': 2, ':one': 1, ':room': 23 },
    });
  });

  it('sets the use to a fresh count plus the creation, on the condition that no creation came between', () => {
    const write = guardWrite(TENANT, 'members', { version: 4, used: 2, counted: true }, 1, 3);

    expect(write?.Update).toMatchObject({
      UpdateExpression: 'SET #used = :used, #version = :next, tenantId = :tenant',
      ConditionExpression: '#version = :read',
      ExpressionAttributeValues: { ':used': 3, ':next': 5, ':read': 4, ':tenant': TENANT },
    });
  });

  it('creates the guard from a count on the condition that nobody created it first', () => {
    const write = guardWrite(TENANT, 'members', { version: 0, used: 1, counted: true }, 1, 3);

    expect(write?.Update?.ConditionExpression).toBe('attribute_not_exists(#version)');
    expect(write?.Update?.ExpressionAttributeValues).not.toHaveProperty(':read');
  });

  it('needs no guard to release members or documents: their guard is an upper bound', () => {
    expect(guardWrite(TENANT, 'members', { version: 3, used: 3, counted: false }, -1, 3)).toBeNull();
  });

  it('takes a released custom domain off the kept count, without a room condition', () => {
    const write = guardWrite(TENANT, 'custom_domains', { version: 3, used: 3, counted: false }, -1, 3);

    expect(write?.Update).toMatchObject({
      UpdateExpression: 'ADD #used :adding, #version :one',
      ConditionExpression: 'attribute_exists(#used)',
      ExpressionAttributeValues: { ':adding': -1 },
    });
  });

  it('grows the stored bytes only while the counter leaves room for the file', () => {
    const write = guardWrite(TENANT, 'storage_bytes', { version: 100, used: 100, counted: false }, 40, 1000);

    expect(write?.Update).toMatchObject({
      Key: { pk: `${TENANT}#billing`, sk: 'usage' },
      UpdateExpression: 'ADD storageBytes :delta SET tenantId = :tenant',
      ConditionExpression: 'attribute_not_exists(storageBytes) OR storageBytes <= :room',
      ExpressionAttributeValues: { ':delta': 40, ':room': 960 },
    });
  });

  it('shrinks the stored bytes without a condition', () => {
    const write = guardWrite(TENANT, 'storage_bytes', { version: 100, used: 100, counted: false }, -40, 1000);

    expect(write?.Update?.ConditionExpression).toBeUndefined();
    expect(write?.Update?.ExpressionAttributeValues).toMatchObject({ ':delta': -40 });
  });
});

describe('what a refused commit was', () => {
  it('is a condition when a write’s condition failed, however the caller wrapped it', () => {
    const conflict = new WriteConflict([2]);

    expect(refusalOf(conflict)).toBe('condition');
    expect(refusalOf(new PreconditionFailedError(undefined, { cause: conflict }))).toBe('condition');
    expect(refusalOf(cancelled('None', 'ConditionalCheckFailed'))).toBe('condition');
  });

  it('is contention when DynamoDB cancelled it for another transaction on the same item', () => {
    expect(refusalOf(cancelled('None', 'TransactionConflict'))).toBe('contention');
  });

  it('is no refusal for any other error', () => {
    expect(refusalOf(new Error('socket hang up'))).toBeNull();
    expect(refusalOf(new PreconditionFailedError())).toBeNull();
    expect(refusalOf('not an error')).toBeNull();
  });
});

describe('whether a change fits the plan', () => {
  it('fits up to the limit exactly, and not one past it', () => {
    expect(fitsQuota({ version: 1, used: 23, counted: true }, 2, 25)).toBe(true);
    expect(fitsQuota({ version: 1, used: 23, counted: true }, 3, 25)).toBe(false);
  });

  it('always fits a release, even over the limit', () => {
    expect(fitsQuota({ version: 1, used: 30, counted: false }, -1, 25)).toBe(true);
  });
});
