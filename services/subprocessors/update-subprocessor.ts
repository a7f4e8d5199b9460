import type { UpdateSubprocessorBody } from '#services/subprocessors/schemas';
import { findSubprocessor, type SubprocessorItem, subprocessors } from '#services/subprocessors/store';
import { subprocessorChangeData, subprocessorChanges } from '#services/subprocessors/subprocessor-changes';
import { toSubprocessorView } from '#services/subprocessors/view';
import type { Identity } from '#shared/auth/identity';
import { config } from '#shared/config';
import { asUpdate } from '#shared/data/outbox';
import { NotFoundError } from '#shared/errors';
import { domainEvent } from '#shared/events/envelope';
import { checkIfMatch, commitIfCurrent } from '#shared/http/etag';
import { compactTranslations } from '#shared/translations';

export async function updateSubprocessor(
  identity: Identity,
  subprocessorId: string,
  changes: UpdateSubprocessorBody,
  ifMatch: string | undefined,
  now = new Date(),
): Promise<SubprocessorItem> {
  const current = await findSubprocessor(identity.tenantId, subprocessorId);
  if (!current) throw new NotFoundError('No such subprocessor', 'id');
  checkIfMatch(ifMatch, current.version);

  const next: SubprocessorItem = {
    ...current,
    name: changes.name ?? current.name,
    purpose: changes.purpose ?? current.purpose,
    dataCategories: changes.data_categories ?? current.dataCategories,
    location: changes.location ?? current.location,
    website: changes.website === null ? undefined : (changes.website ?? current.website),
    status: changes.status ?? current.status,
    translations:
      changes.translations === undefined ? current.translations : compactTranslations(changes.translations),
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
  const changed = subprocessorChanges(toSubprocessorView(current), toSubprocessorView(next));
  const retranslated =
    JSON.stringify(toSubprocessorView(next).translations) !==
    JSON.stringify(toSubprocessorView(current).translations);
  // Nothing changed: no write, no event, no new version. A change of translations alone is written and
  // emitted with no disclosed change, which the subprocessor notices skip.
  if (changed.length === 0 && !retranslated) return current;

  let patch = subprocessors.patch({ tenantId: identity.tenantId, subprocessorId }).set({
    name: next.name,
    purpose: next.purpose,
    dataCategories: next.dataCategories,
    location: next.location,
    status: next.status,
    updatedAt: next.updatedAt,
    version: next.version,
  });
  patch = next.website === undefined ? patch.remove(['website']) : patch.set({ website: next.website });
  patch =
    next.translations === undefined
      ? patch.remove(['translations'])
      : patch.set({ translations: next.translations });
  const update = patch
    .where(({ version }, { eq }) => eq(version, current.version))
    .params({ table: config.tableName });

  const data = subprocessorChangeData(
    toSubprocessorView(next),
    changed,
    changes.effective_date ?? next.updatedAt.slice(0, 10),
  );
  await commitIfCurrent([asUpdate(update)], [domainEvent('subprocessor.updated', identity, data, now)]);
  return next;
}
