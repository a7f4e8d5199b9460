import type { CreateSubprocessorBody } from '#services/subprocessors/schemas';
import { type SubprocessorItem, subprocessors } from '#services/subprocessors/store';
import { subprocessorChangeData, subprocessorChanges } from '#services/subprocessors/subprocessor-changes';
import { toSubprocessorView } from '#services/subprocessors/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asPut, commitWithEvents } from '#shared/data/outbox';
import { domainEvent } from '#shared/events/envelope';
import { newId } from '#shared/ids';
import { compactTranslations } from '#shared/translations';

export async function addSubprocessor(
  identity: Identity,
  body: CreateSubprocessorBody,
  now = new Date(),
): Promise<SubprocessorItem> {
  const timestamp = now.toISOString();
  const item: SubprocessorItem = {
    tenantId: identity.tenantId,
    subprocessorId: newId('subprocessor'),
    name: body.name,
    purpose: body.purpose,
    dataCategories: body.data_categories,
    location: body.location,
    website: body.website,
    status: body.status,
    translations: compactTranslations(body.translations),
    createdAt: timestamp,
    updatedAt: timestamp,
    version: 1,
  };
  const put = subprocessors.create(item).params({ table: config.tableName });
  const view = toSubprocessorView(item);
  const data = subprocessorChangeData(
    view,
    subprocessorChanges(null, view),
    body.effective_date ?? timestamp.slice(0, 10),
  );
  await commitWithEvents([asPut(put)], [domainEvent('subprocessor.added', identity, data, now)]);
  return item;
}
