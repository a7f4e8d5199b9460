/**
 * What Lambda bundles get for the `jsonschema` package (infra/bundling.ts aliases it here).
 *
 * ElectroDB requires jsonschema in one place, `src/validations.js`, to check each entity's model against
 * its JSON schema in `new Entity(model)`. Our models are static code: `test/unit/electrodb-models.test.ts`
 * constructs every entity of every service with the real jsonschema in `npm test` and fails on an invalid
 * model, so checking them again at every cold start only costs time (a schema walk per entity) and 28 KiB
 * of bundle. This stand-in accepts every plain model.
 *
 * ElectroDB's `getInstanceType` (used when a `Service` joins entities) also asks it whether a value is a
 * model; an ElectroDB instance (an `Entity`, a `Service`) carries `_instance` and is refused, as the real
 * schema refuses it, so a join would still tell an entity from a model.
 */
export class Validator {
  /** ElectroDB registers its custom formats on the prototype (`Validator.prototype.customFormats.x = …`). */
  declare customFormats: Record<string, (input: unknown) => boolean>;

  /** ElectroDB registers its schemas once at import; nothing to keep. */
  addSchema(): void {}

  /** No errors for a plain object; one for anything else (an ElectroDB instance, a non-object). */
  validate(instance: unknown): { errors: { property: string; message: string; argument?: string }[] } {
    const plainModel = typeof instance === 'object' && instance !== null && !('_instance' in instance);
    return {
      errors: plainModel ? [] : [{ property: 'instance', message: 'is not an ElectroDB model' }],
    };
  }
}
Validator.prototype.customFormats = {};
