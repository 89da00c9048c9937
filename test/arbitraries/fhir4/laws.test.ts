import type * as fhir4 from 'fhir/r4'
import { describe, expect, test } from 'vitest'
import { fhir, id, pipe, prop } from 'lensync/lens'
import { checkLaws } from 'lensync/testing'
import { arbitraries } from 'lensync/testing/fhir4'
import { lawRuns } from '../../_helpers/lawRuns.js'

describe('lensync/testing/fhir4 with checkLaws', () => {
  test('default: fhir.identifiers on fhir4.Patient meets arbitraries.patient, without a cast', () => {
    const lens = pipe(id<fhir4.Patient>(), fhir.identifiers())
    expect(checkLaws(lens, { source: arbitraries.patient(), runs: lawRuns() })).toMatchObject({ ok: true })
  })

  test('behavior: fhir.entries on fhir4.Bundle and a prop lens on fhir4.Observation', () => {
    expect(checkLaws(pipe(id<fhir4.Bundle>(), fhir.entries()), { source: arbitraries.bundle(), runs: Math.min(lawRuns(), 200) })).toMatchObject({ ok: true })
    expect(checkLaws(pipe(id<fhir4.Observation>(), prop('status')), { source: arbitraries.observation(), runs: lawRuns() })).toMatchObject({ ok: true })
  })
})
