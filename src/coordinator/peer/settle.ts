/**
 * Syncing a set of peers until none has anything left to do.
 *
 * @since 0.1.0
 */
import { PeerError } from './errors.js'
import type { Peer, SyncResult } from './types.js'

/**
 * Options of {@link settle}.
 *
 * @category models
 * @since 0.1.0
 */
export interface SettleOptions {
  /**
   * Most passes over all peers before giving up (a pass syncs every peer once, in order).
   * @defaultValue 50
   */
  readonly maxPasses?: number | undefined
  /** Called between passes (e.g. to mine a block when automine is off). */
  readonly betweenPasses?: (() => Promise<void>) | undefined
}

/**
 * Calls `sync()` on every peer, over and over, until a whole pass handles no event and takes no
 * action; resolves with the number of passes.
 *
 * **When to use**
 * - Tests, demos and scripts that run every peer in one process and want "everyone is up to date"
 *   without background loops. In production each peer runs `peer.start()` instead.
 *
 * **Details**
 * - Throws `PeerError` `NotSettled` when the peers are still busy after `maxPasses` (a livelock, or a
 *   chain that never mines).
 *
 * **Example**
 * ```ts
 * import type { Hex } from 'viem'
 * import type { Patch } from 'lensync'
 * import { settle, type Peer } from 'lensync/coordinator'
 *
 * declare const patient: Peer, doctor: Peer, researcher: Peer, viewId: Hex, patch: Patch
 * await doctor.update(viewId, patch)
 * await settle([patient, doctor, researcher])
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export async function settle(peers: readonly Peer[], options: SettleOptions = {}): Promise<number> {
  const maxPasses = options.maxPasses ?? 50
  for (let pass = 1; pass <= maxPasses; pass++) {
    let busy = false
    for (const peer of peers) {
      const result: SyncResult = await peer.sync()
      if (result.events > 0 || result.actions > 0) busy = true
    }
    if (!busy) return pass
    await options.betweenPasses?.()
  }
  throw new PeerError({
    code: 'NotSettled',
    pointer: '/maxPasses',
    message: `settle: the peers were still busy after ${maxPasses} passes; raise maxPasses, or look for a chain that does not mine.`,
  })
}
