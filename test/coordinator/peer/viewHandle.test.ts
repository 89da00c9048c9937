import type { Hex } from 'viem'
import { describe, expectTypeOf, test } from 'vitest'
import { id, type Lens, type Patch } from 'lensync'
import type { Peer, RoundOutcome, RoundRefusedError, UpdateResult, ViewHandle } from 'lensync/coordinator'

// Types only: the handle's view type comes from the lens, and a wrong edit does not compile.

interface Vitals {
  readonly heartRate: number
  readonly notes: readonly string[]
}
declare const peer: Peer
declare const viewId: Hex
declare const _vitals: Lens<{ readonly chart: Vitals }, Vitals>

describe('viewHandle (types)', () => {
  test('default: view() returns the lens\'s view type and update takes (view: V) => V or a Patch', () => {
    const handle = () => peer.viewHandle(viewId, _vitals)
    expectTypeOf(handle).returns.toEqualTypeOf<ViewHandle<Vitals>>()
    expectTypeOf<ReturnType<ViewHandle<Vitals>['view']>>().toEqualTypeOf<Promise<Vitals>>()
    expectTypeOf<ViewHandle<Vitals>['update']>().parameter(0).toEqualTypeOf<Patch | ((view: Vitals) => Vitals)>()
    expectTypeOf<ReturnType<ViewHandle<Vitals>['update']>>().toEqualTypeOf<Promise<UpdateResult>>()
    const counter = () => peer.viewHandle(viewId, id<{ readonly n: number }>()).view()
    expectTypeOf(counter).returns.toEqualTypeOf<Promise<{ readonly n: number }>>()
  })

  test('error: an edit that does not map the view type to itself does not compile', () => {
    const vitals = (): ViewHandle<Vitals> => peer.viewHandle(viewId, _vitals)
    const ok = () => vitals().update((v) => ({ ...v, heartRate: v.heartRate + 1 }))
    // @ts-expect-error heartRate is a number
    const wrongField = () => vitals().update((v) => ({ ...v, heartRate: 'fast' }))
    // @ts-expect-error the view has no `pulse`
    const unknownField = () => vitals().update((v) => v.pulse)
    // @ts-expect-error a function edit must return the whole view
    const partial = () => vitals().update(() => ({ heartRate: 60 }))
    // @ts-expect-error another lens's view type
    const otherLens = (): ViewHandle<{ readonly n: number }> => peer.viewHandle(viewId, _vitals)
    expectTypeOf(ok).returns.toEqualTypeOf<Promise<UpdateResult>>()
    void [wrongField, unknownField, partial, otherLens]
  })

  test('default: the outcome narrows on status', () => {
    const narrow = (outcome: RoundOutcome) => {
      if (outcome.status === 'completed') expectTypeOf(outcome.version).toEqualTypeOf<bigint>()
      else if (outcome.status === 'refused') expectTypeOf(outcome.error).toEqualTypeOf<RoundRefusedError>()
      else if (outcome.status === 'aborted') expectTypeOf(outcome.reason).toEqualTypeOf<'membershipChanged'>()
      else expectTypeOf(outcome.status).toEqualTypeOf<'expired'>()
    }
    expectTypeOf<ReturnType<UpdateResult['settled']>>().toEqualTypeOf<Promise<RoundOutcome>>()
    void narrow
  })
})
