/**
 * How a round ended, as `peer.waitForRound` reports it.
 *
 * @since 0.1.0
 */
import type { Address, Hex } from 'viem'
import type { RoundRefusedError } from './errors.js'

/**
 * How a round of a view ended on chain, as this peer saw it: the result of
 * {@link Peer.waitForRound} and of a view handle's `update(…).settled()`.
 *
 * **Details**
 * - `completed` — every member acked (or the silent ones were evicted): the view is at `version`,
 *   whose commitment is `commitment`, and this peer promoted it (or, when it held no stage, the chain
 *   says so).
 * - `refused` — the round was cancelled on chain (`RoundAborted` `Cancelled`): a member refused it for
 *   good and the view's controller cancelled it, or its proposer cancelled it. `error` says why as far
 *   as this peer knows (see {@link RoundRefusedError}); `by` is the account that cancelled it.
 * - `expired` — nobody closed it before its deadline; someone called `expireRound` (`RoundAborted`
 *   `Expired`).
 * - `aborted` — the controller changed the view's membership while the round was open
 *   (`RoundAborted` `MembershipChanged`).
 * - Every non-completed outcome leaves the view at the version before the round; redo the edit after
 *   `sync()` if it still applies.
 *
 * @category models
 * @since 0.1.0
 */
export type RoundOutcome =
  | {
      readonly status: 'completed'
      readonly viewId: Hex
      readonly round: bigint
      /** The version the round created. */
      readonly version: bigint
      /** The commitment of that version (the view's head on chain). */
      readonly commitment: Hex
    }
  | {
      readonly status: 'refused'
      readonly viewId: Hex
      readonly round: bigint
      /** Why, as far as this peer knows: code, pointer and the underlying error as `cause`. */
      readonly error: RoundRefusedError
      /** The account that cancelled the round on chain. */
      readonly by?: Address | undefined
    }
  | { readonly status: 'expired'; readonly viewId: Hex; readonly round: bigint }
  | { readonly status: 'aborted'; readonly viewId: Hex; readonly round: bigint; readonly reason: 'membershipChanged' }

/**
 * Options of {@link Peer.waitForRound}.
 *
 * @category models
 * @since 0.1.0
 */
export interface WaitForRoundOptions {
  /**
   * Milliseconds to wait for the outcome before rejecting with `PeerError` `Timeout`. The round is not
   * touched by the timeout: wait again, or read `history`. A whole number from 0 to 2^31 − 1 (the
   * longest `setTimeout` delay); anything else rejects with `PeerError` `InvalidArgument`.
   * @defaultValue no timeout (until the outcome, or `close()`)
   */
  readonly timeoutMs?: number | undefined
}
