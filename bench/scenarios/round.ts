/**
 * Round CPU vs record size: one round per peer, off chain, on a Bundle of 50, 500, 5,000 and 20,000
 * entries. The view is the clinical view of the record (`fhir.entries()` showing the Observations);
 * the edit is a 1-op patch on the view changing one value of the Observation in the middle. A round
 * is what every peer computes: translate the view patch through its lens, apply the source patch
 * (path copying), get the new view and its digest. Each round runs on the previous round's result,
 * as successive rounds do.
 *
 * The ratio that matters is between sizes (a round on 5,000 entries against one on 50), so there is
 * no hand-written implementation; the runner draws the medians as `results/round-cpu.svg`. Each
 * result is verified by the view's length and by its digest, which must equal the digest of a
 * fresh copy of the view (no cache, no lineage).
 */
import { viewDigest } from 'lensync/coordinator'
import { applyPatch, fhir, id, pipe, translate } from 'lensync/lens'
import type { Bundle, BundleEntry, Patch } from 'lensync/lens'
import { makeBundle } from '../data/index.js'
import { type Scenario, defineScenario } from '../_internal/scenario.js'

/** The sizes of the round scenarios, in the order of the chart. */
export const roundSizes = [50, 500, 5000, 20000] as const

const isObservation = (e: BundleEntry): boolean => e.resource?.resourceType === 'Observation'
const _clinical = pipe(id<Bundle>(), fhir.entries({ where: isObservation }))

interface RoundResult {
  readonly view: readonly BundleEntry[]
  readonly digest: string
}

function roundScenario(size: number): Scenario {
  const observations = size / 2
  const target = Math.floor(observations / 2)
  return defineScenario({
    id: `round-${size}`,
    title: `round CPU vs record size: 1-op round per peer, Bundle of ${size.toLocaleString('en-US')} entries`,
    // The incremental digest must equal the digest of a copy no cache has seen (untimed).
    verify: (result) => {
      const { view, digest } = result as RoundResult
      return { viewLength: view.length, digestAsFromScratch: digest === viewDigest(JSON.parse(JSON.stringify(view))) }
    },
    expected: { viewLength: observations, digestAsFromScratch: true },
    implementations: {
      lensync: () => {
        let record = makeBundle(size)
        viewDigest(_clinical.get(record))
        let k = 0
        return {
          run: (): RoundResult => {
            const patch: Patch = [{ op: 'replace', path: `/${target}/resource/component/0/valueQuantity/value`, value: 100 + (k++ % 60) }]
            record = applyPatch(record, translate(_clinical, record, patch))
            const view = _clinical.get(record)
            return { view, digest: viewDigest(view) }
          },
        }
      },
    },
  })
}

export const scenarios = roundSizes.map(roundScenario)
