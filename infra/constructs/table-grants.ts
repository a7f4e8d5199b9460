/**
 * DynamoDB grants on the platform's one table: each role gets the item actions its code performs, named one
 * by one from the shared table definition (shared/data/table.ts).
 */
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { TABLE } from '#shared/data/table';

/** Every GSI of the table definition (shared/data/table.ts): Queries on them are how services list. */
function indexArns(table: ITableV2): string[] {
  return TABLE.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`);
}

/**
 * Item reads and writes on the table and queries on its indexes, named one by one from the shared table
 * definition. Deliberately no Scan (lists are Queries), no stream reads and no table management.
 * Transactions need no action of their own: they are authorized per item as Put, Update and ConditionCheck.
 */
export function grantTableData(principal: iam.IGrantable, table: ITableV2): void {
  principal.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'TableItems',
      actions: [
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:Query',
      ],
      resources: [table.tableArn],
    }),
  );
  principal.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'TableIndexes',
      actions: ['dynamodb:Query'],
      resources: indexArns(table),
    }),
  );
}

/**
 * What a scheduled job gets: queries on the indexes (its way of finding work without a Scan) and on the
 * table (one tenant's items of a kind, such as an organization's API keys), item reads, and conditional
 * puts for the markers and outbox items it commits. No updates or deletes of service data.
 */
export function grantJobTableAccess(principal: iam.IGrantable, table: ITableV2): void {
  principal.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'JobTableItems',
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem'],
      resources: [table.tableArn],
    }),
  );
  principal.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'JobTableIndexes',
      actions: ['dynamodb:Query'],
      resources: [table.tableArn, ...indexArns(table)],
    }),
  );
}

/** What the authorizer needs to resolve a credential: item reads and queries, nothing written. */
export function grantTableReads(principal: iam.IGrantable, table: ITableV2): void {
  principal.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'TableReads',
      actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
      resources: [table.tableArn],
    }),
  );
  principal.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'TableIndexes',
      actions: ['dynamodb:Query'],
      resources: indexArns(table),
    }),
  );
}

/** What the authorizer writes: a shared usage key, the first time one is needed. */
export function grantAuthorizerUpdates(principal: iam.IGrantable, table: ITableV2): void {
  principal.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'TableUpdates',
      actions: ['dynamodb:UpdateItem'],
      resources: [table.tableArn],
    }),
  );
}
