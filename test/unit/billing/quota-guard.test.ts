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
  it('moves a counted meter’s version by one, on the condition that it is still the version read', () => {
    const write = guardWrite(TENANT, 'documents', { version: 7, used: 20 }, 1, 25);

    expect(write?.Update).toMatchObject({
      Key: { pk: `${TENANT}#billing`, sk: 'quota#documents' },
      UpdateExpression: 'SET #version = :next, tenantId = :tenant',
      ConditionExpression: '#version = :read',
      ExpressionAttributeValues: { ':next': 8, ':read': 7, ':tenant': TENANT },
    });
  });

  it('creates the guard on the condition that nobody created it first', () => {
    const write = guardWrite(TENANT, 'members', { version: 0, used: 1 }, 1, 3);

    expect(write?.Update?.ConditionExpression).toBe('attribute_not_exists(#version)');
    expect(write?.Update?.ExpressionAttributeValues).not.toHaveProperty(':read');
  });

  it('needs no guard to release items of a counted meter', () => {
    expect(guardWrite(TENANT, 'members', { version: 3, used: 3 }, -1, 3)).toBeNull();
  });

  it('keeps the custom domains’ count on the guard, for claims and releases alike', () => {
    const claim = guardWrite(TENANT, 'custom_domains', { version: 2, used: 1 }, 2, 3);
    const release = guardWrite(TENANT, 'custom_domains', { version: 3, used: 3 }, -1, 3);

    expect(claim?.Update?.UpdateExpression).toBe('SET #version = :next, tenantId = :tenant, #used = :used');
    expect(claim?.Update?.ExpressionAttributeValues).toMatchObject({ ':used': 3, ':next': 3 });
    expect(release?.Update?.ExpressionAttributeValues).toMatchObject({ ':used': 2, ':read': 3 });
  });

  it('grows the stored bytes only while the counter leaves room for the file', () => {
    const write = guardWrite(TENANT, 'storage_bytes', { version: 100, used: 100 }, 40, 1000);

    expect(write?.Update).toMatchObject({
      Key: { pk: `${TENANT}#billing`, sk: 'usage' },
      UpdateExpression: 'ADD storageBytes :delta SET tenantId = :tenant',
      ConditionExpression: 'attribute_not_exists(storageBytes) OR storageBytes <= :room',
      ExpressionAttributeValues: { ':delta': 40, ':room': 960 },
    });
  });

  it('shrinks the stored bytes without a condition', () => {
    const write = guardWrite(TENANT, 'storage_bytes', { version: 100, used: 100 }, -40, 1000);

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
    expect(fitsQuota({ version: 1, used: 23 }, 2, 25)).toBe(true);
    expect(fitsQuota({ version: 1, used: 23 }, 3, 25)).toBe(false);
  });

  it('always fits a release, even over the limit', () => {
    expect(fitsQuota({ version: 1, used: 30 }, -1, 25)).toBe(true);
  });
});
