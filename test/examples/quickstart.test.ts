import { expect, test } from 'vitest'
import { clinicalView, quickstart } from '../../examples/quickstart.js'
import type { Bundle } from 'lensync/lens'

test('default: the quick start ends with the doctor holding the clinical view of the patient\'s record', async () => {
  const { patient, doctor } = await quickstart()
  const record = patient as Bundle
  expect(record.entry?.map((e) => e.resource?.id)).toEqual(['p1', 'o1'])
  expect(JSON.stringify(record)).toContain('555-0100')
  expect(doctor).toEqual(clinicalView.get(record))
  expect(JSON.stringify(doctor)).not.toContain('555-0100')
})
