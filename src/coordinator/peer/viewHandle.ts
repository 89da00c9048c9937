/**
 * A view of a peer, typed by its lens.
 *
 * @since 0.1.0
 */
import type { Hex } from 'viem'
import type { Patch } from '../../lens/patch/types.js'
import type { RoundOutcome, WaitForRoundOptions } from './roundOutcome.js'
import type { ProposeResult } from './types.js'

/**
 * What a view handle's `update` proposed, with a way to wait for the round's outcome.
 *
 * **Details**
 * - The fields are those of `ProposeResult`: the round is open on chain when `update` resolves.
 * - `settled(options)` is `peer.waitForRound(viewId, round, options)`: it resolves when this peer's
 *   `sync()` (or its `start()` loop) handles the round's closing event. It never rejects for a refused or
 *   expired round (those are outcomes); it rejects with `PeerError` `Timeout` or `Closed`.
 *
 * @category models
 * @since 0.1.0
 */
export interface UpdateResult extends ProposeResult {
  /** The round's outcome (see {@link RoundOutcome}), once this peer has seen it close. */
  settled(options?: WaitForRoundOptions): Promise<RoundOutcome>
}

/**
 * A bound view of a peer, typed by its lens: `view()` returns the lens's view type `V`, and a function
 * edit must map a `V` to a `V`. Get one with `peer.viewHandle(viewId, lens)`.
 *
 * **When to use**
 * Application code that reads and edits one view: the view's type flows from the lens, so an edit
 * that does not produce a `V` fails to compile, and each update can be awaited to its outcome.
 *
 * **Details**
 * - Every method delegates to the peer (`view`, `update`, `waitForRound`); the handle holds no state
 *   and costs nothing beyond the call.
 * - `V` is a compile-time promise: the peer reads the view through the lens bound to `viewId`, and
 *   `viewHandle` checks once that it is the lens given.
 *
 * **Example** (a doctor's typed clinical view)
 * ```ts
 * import type { Hex } from 'viem'
 * import { id } from 'lensync'
 * import type { Peer } from 'lensync/coordinator'
 *
 * interface Note { readonly text: string; readonly author: string }
 * declare const doctor: Peer, viewId: Hex
 * const notes = doctor.viewHandle(viewId, id<{ readonly notes: readonly Note[] }>())
 * const proposed = await notes.update((v) => ({ notes: [...v.notes, { text: 'BP stable', author: 'dr-a' }] }))
 * const outcome = await proposed.settled({ timeoutMs: 60_000 })
 * if (outcome.status === 'completed') console.log(outcome.version, (await notes.view()).notes.length)
 * // Output: 1n 1
 * ```
 *
 * @category models
 * @since 0.1.0
 */
export interface ViewHandle<V> {
  /** The view's id. */
  readonly viewId: Hex
  /** The view as this peer holds it (promoted data only), as the lens's view type. */
  view(): Promise<V>
  /**
   * `peer.update(viewId, edit)` with the edit typed by the view: a patch on the view, or a function
   * from the current view to the new one. Resolves once the round is open, with `settled()` to await
   * its outcome. Throws like `peer.update`.
   */
  update(edit: Patch | ((view: V) => V)): Promise<UpdateResult>
  /** `peer.waitForRound(viewId, round, options)`. */
  waitForRound(round: bigint, options?: WaitForRoundOptions): Promise<RoundOutcome>
}
