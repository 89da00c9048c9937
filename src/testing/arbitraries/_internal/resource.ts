/**
 * The parts every generated resource shares: `id`, `meta`, `text`.
 *
 * @internal
 */
import fc from 'fast-check'
import type { Annotation, Narrative, Resource } from '../../../lens/fhir/types.js'
import { meta } from '../meta.js'
import { fhirDateTime, fhirId, freeText, nameWord, phrase, record, varyKeyOrder } from './helpers.js'

/** Sometimes `id`, `meta` (with `versionId`/`lastUpdated`) and a narrative `text`. @internal */
export function resourceBase(withText: boolean): fc.Arbitrary<Pick<Resource, 'id' | 'meta'> & { text?: Narrative }> {
  return record({
    id: fhirId,
    meta: meta(),
    text: withText
      ? phrase.map((p): Narrative => ({ status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${p}</p></div>` }))
      : undefined,
  }, [], ['text'])
}

/** A FHIR `Annotation` (a note): `text`, sometimes `time` and an author. @internal */
export const annotation: fc.Arbitrary<Annotation> = varyKeyOrder(
  fc
    .tuple(freeText, fc.option(fhirDateTime, { nil: undefined }), fc.option(nameWord, { nil: undefined }))
    .map(([text, time, author]): Annotation => ({
      text,
      ...(time === undefined ? {} : { time }),
      ...(author === undefined ? {} : { authorString: author }),
    })),
)

/** Assembles a resource: `resourceType` first (or elsewhere, sometimes) and no `undefined` values. @internal */
export function assemble<R extends Resource>(resourceType: R['resourceType'], ...parts: readonly object[]): R {
  const out: Record<string, unknown> = { resourceType }
  for (const part of parts) for (const [k, v] of Object.entries(part)) if (v !== undefined) out[k] = v
  return out as R
}
