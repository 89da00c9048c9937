/**
 * How many completed payloads a peer keeps per view in its view state (`PeerViewState.published`). @internal
 */

/**
 * The newest completed rounds a peer keeps the payload of, per view, among the rounds it proposed.
 *
 * They are served (through the transport's `setArchive`) to a joiner whose snapshot server lags behind
 * the chain and must replay the rounds since, and to a peer that missed a payload after it left the
 * transport's in-memory retention. An honest member lags by a round or so (it must ack every round,
 * and promotes a round before it acks the next), so 32 is ample; the view state stays O(1) instead of
 * growing with every round. @internal
 */
export const KEPT_PAYLOADS = 32
