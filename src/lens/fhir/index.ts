/**
 * FHIR presets, available as the `fhir` namespace: `pipe(id<Patient>(), fhir.identifiers())`.
 *
 * **Mental model** — each list preset focuses one FHIR list property (absent ↔ `[]`, a put leaving
 * no item removes it) and aligns its items by their FHIR identity with {@link keyed}:
 * - `fhir.identifiers()` — `identifier` by `system|value`;
 * - `fhir.codings()` — `coding` by `system|code`;
 * - `fhir.extensions()` — `extension` by `url`;
 * - `fhir.entries()` — Bundle `entry` by `fullUrl`, else `resourceType/id` (else positional);
 * - `fhir.items()` — Questionnaire(Response) `item` by `linkId`, nested lists too;
 * - `fhir.primitives(key, step)` — a primitive array with its parallel `_key` array.
 *
 * The minimal FHIR R4 types (`fhir.Patient`, `fhir.Identifier`, …) live here too.
 *
 * @since 0.1.0
 */
export { identifierKey, identifiers } from './identifiers.js'
export { codingKey, codings } from './codings.js'
export { extensionKey, extensions } from './extensions.js'
export { entries, entryKey } from './entries.js'
export { itemKey, items } from './items.js'
export type { LinkedItem, NestedItemsLens } from './items.js'
export { primitives } from './primitives.js'
export type { PrimitiveEntries, PrimitiveEntry, PrimitivesLens } from './primitives.js'
export type { ItemOf, PresetFilter, PresetOptions } from './PresetOptions.js'
export type * from './types.js'
export { byType } from './byType.js'
export type { ByTypeLens, CaseLens, ResourceCases } from './byType.js'
