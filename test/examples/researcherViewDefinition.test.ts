import { expect, test, vi } from 'vitest'
import { _observations, researcherObservations, researcherViewDefinition } from '../../examples/researcherViewDefinition.js'
import { syntheticRecord } from '../../examples/syntheticRecord.js'
import type { Bundle } from '../../src/lens/fhir/types.js'

test("default: the researcher's ViewDefinition gives de-identified rows, and an edited row goes back into the record", () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {})
  try {
    const { rows, corrected, patch, hash } = researcherViewDefinition()
    expect((rows as unknown[]).length).toBe(3)
    expect((rows as unknown[])[0]).toEqual({ id: 'obs-1', loinc: '4548-4', value: 8.8, unit: '%', effective: '2025-04-21', status: 'final' })
    const record = syntheticRecord({ seed: 1 })
    expect(JSON.stringify(rows)).not.toContain('Novak')
    expect(JSON.stringify(rows)).not.toContain('Patient')
    expect(patch).toEqual([
      { op: 'replace', path: '/entry/3/resource/valueQuantity/value', value: 7.1 },
      { op: 'replace', path: '/entry/3/resource/status', value: 'amended' },
    ])
    // The patch and the put agree, and nothing else in the record changed.
    expect(corrected).toEqual(_observations.put(record, _observations.get(record).map((r) => (r.id === 'obs-1' ? { ...r, value: 7.1, status: 'amended' } : r))))
    expect((corrected as Bundle).entry!.filter((_, i) => i !== 3)).toEqual(record.entry!.filter((_, i) => i !== 3))
    expect(hash).toBe('0xf110c51f45da3c3cf426bf474da5ca850a841f8abba0a3ddbd31544770a27131')
    expect(researcherObservations.resource).toBe('Observation')
  } finally {
    log.mockRestore()
  }
})
