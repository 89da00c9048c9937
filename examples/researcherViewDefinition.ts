/**
 * The researcher's de-identified view written as a SQL on FHIR v2 ViewDefinition: a table of the
 * patient's Observations (code, value, unit, date, status) with no name, identifier, subject or
 * other resource. The same definition any SQL on FHIR engine runs is here a lawful lens: an edited
 * row goes back into the record, and a row patch translates into a record patch.
 *
 * The definition is data: its hash (`definitionHash`) is what a shared view records on chain, and a
 * joiner checks the definition it receives against it (`verifyDefinition`).
 *
 * Run: `npx tsx examples/researcherViewDefinition.ts`.
 */
import { pathToFileURL } from 'node:url'
import { applyPatch, translate } from 'lensync/lens'
import type { Bundle } from 'lensync/lens'
import { type ViewDefinition, definitionHash, verifyDefinition, viewDefinition } from 'lensync/views'
import { syntheticRecord } from './syntheticRecord.js'

/** The researcher's table of Observations. */
export const researcherObservations: ViewDefinition = {
  resourceType: 'ViewDefinition',
  name: 'researcher_observations',
  status: 'active',
  resource: 'Observation',
  select: [
    {
      column: [
        { name: 'id', path: 'id', type: 'id' },
        { name: 'loinc', path: "code.coding.where(system = 'http://loinc.org').code.first()", type: 'code' },
        { name: 'value', path: 'value.ofType(Quantity).value', type: 'decimal' },
        { name: 'unit', path: 'value.ofType(Quantity).unit', type: 'string' },
        { name: 'effective', path: 'effective.ofType(dateTime)', type: 'dateTime' },
        { name: 'status', path: 'status', type: 'code' },
      ],
    },
  ],
}

/** The view over the patient's Bundle. */
export const _observations = viewDefinition(researcherObservations, { over: 'bundle' })

/** Runs the example and returns what it printed. */
export function researcherViewDefinition(): { rows: unknown; corrected: unknown; patch: unknown; hash: string } {
  const record: Bundle = syntheticRecord({ seed: 1 })

  // 1. The rows: one per Observation, nothing that identifies the patient.
  const rows = _observations.get(record)
  console.log(rows[0])
  // Output: { id: 'obs-1', loinc: '4548-4', value: 8.8, unit: '%', effective: '2025-04-21', status: 'final' }

  // 2. The lab corrects a value: the edited row is put back into the patient's record.
  const edited = rows.map((row) => (row.id === 'obs-1' ? { ...row, value: 7.1, status: 'amended' } : row))
  const corrected = _observations.put(record, edited) as Bundle
  const obs1 = corrected.entry?.find((e) => e.resource?.id === 'obs-1')?.resource
  console.log(obs1)
  // Output: { resourceType: 'Observation', id: 'obs-1', status: 'amended', code: {…}, subject: {…}, effectiveDateTime: '2025-04-21', valueQuantity: { value: 7.1, unit: '%', … } }

  // 3. The same edit as a row patch becomes a patch on the record (what a round sends).
  const patch = translate(_observations, record, [
    { op: 'replace', path: '/0/value', value: 7.1 },
    { op: 'replace', path: '/0/status', value: 'amended' },
  ])
  console.log(patch)
  // Output: [ { op: 'replace', path: '/entry/3/resource/valueQuantity/value', value: 7.1 }, { op: 'replace', path: '/entry/3/resource/status', value: 'amended' } ]

  // 4. Columns the view derives are read-only; the definition's hash is what the chain records.
  console.log(_observations.writable, Object.keys(_observations.readOnly))
  // Output: [ 'id', 'loinc', 'value', 'unit', 'effective', 'status' ] []
  const hash = definitionHash(researcherObservations)
  verifyDefinition(researcherObservations, hash)
  console.log(hash)
  // Output: 0xf110c51f45da3c3cf426bf474da5ca850a841f8abba0a3ddbd31544770a27131

  return { rows, corrected: applyPatch(record, patch), patch, hash }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) researcherViewDefinition()
