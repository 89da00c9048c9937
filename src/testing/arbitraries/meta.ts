/**
 * Arbitrary FHIR `Meta`.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { Meta } from '../../lens/fhir/types.js'
import { fhirInstant, record, varyKeyOrder, word } from './_internal/helpers.js'

/**
 * Generates a FHIR `Meta`: the server-managed `versionId` and `lastUpdated` (each sometimes present),
 * sometimes `profile`, `tag` and a confidentiality `security` label (never `REDACTED`, which
 * `redact` adds). Never empty.
 *
 * **When to use** — as a building block of resources; tests of the version check in edit
 * translation (`test` on `/meta/versionId`).
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing'
 * fc.sample(arbitraries.meta(), 1)
 * // Output: [{ versionId: '3', lastUpdated: '2024-02-11T10:04:55.120Z' }]
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function meta(): fc.Arbitrary<Meta> {
  return varyKeyOrder(
    record<Meta>({
      versionId: fc.integer({ min: 1, max: 40 }).map(String),
      lastUpdated: fhirInstant,
      profile: fc.array(
        word.map((w) => `https://example.org/fhir/StructureDefinition/${w}`),
        { minLength: 1, maxLength: 2 },
      ).map((ps) => [...new Set(ps)]),
      tag: fc.constantFrom('synthetic', 'imported', 'reviewed').map((code) => [{ system: 'https://example.org/CodeSystem/tags', code }]),
      security: fc
        .constantFrom('N', 'R', 'V')
        .map((code) => [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code }]),
    }, [], ['profile', 'tag', 'security']).map((m) => (Object.keys(m).length === 0 ? { versionId: '1' } : m)),
  )
}

export { meta }
