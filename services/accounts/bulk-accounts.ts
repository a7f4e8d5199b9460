import { createAccount, planAccountCreation } from '#services/accounts/create-account';
import {
  account,
  accountIdParams,
  type CreateAccountBody,
  createAccountBody,
  type UpdateAccountBody,
  updateAccountBody,
} from '#services/accounts/schemas';
import { type AccountItem, findAccount } from '#services/accounts/store';
import { planAccountUpdate, updateAccount } from '#services/accounts/update-account';
import { toAccountView } from '#services/accounts/view';
import type { Identity } from '#shared/auth/identity';
import { runBulk } from '#shared/http/bulk';
import type { BulkOutcome } from '#shared/http/bulk-results';
import { bulkRequestSchemas, bulkResponseSchemas } from '#shared/http/bulk-schemas';

export const bulkAccountSchemas = {
  ...bulkRequestSchemas('Account', {
    create: createAccountBody,
    update: updateAccountBody,
    id: accountIdParams.shape.id,
  }),
  ...bulkResponseSchemas('Account', 'account', account),
};

/** Creates and updates accounts with the single routes' use cases, one by one or all in one transaction. */
export function bulkAccounts(
  identity: Identity,
  request: { operations: readonly unknown[]; all_or_nothing: boolean },
  correlationId: string,
): Promise<BulkOutcome> {
  return runBulk<CreateAccountBody, UpdateAccountBody, AccountItem>(
    {
      viewKey: 'account',
      notFoundMessage: 'No such account',
      idOf: (item) => item.accountId,
      versionOf: (item) => item.version,
      view: toAccountView,
      find: (id) => findAccount(identity.tenantId, id),
      create: (data) => createAccount(identity, data),
      update: (id, data, ifMatch) => updateAccount(identity, id, data, ifMatch),
      planCreation: (data, now) => planAccountCreation(identity, data, now),
      planUpdate: (current, data, now) => planAccountUpdate(identity, current, data, now),
    },
    bulkAccountSchemas.operation,
    request,
    correlationId,
  );
}
