/**
 * Building a round's meta, and the payloads made from it. @internal
 */
import type { Address, Hex } from 'viem'
import type { Patch } from '../../../lens/patch/types.js'
import type { JsonValue } from '../../../json/JsonValue.js'
import { viewCommitment } from '../../commitment/viewCommitment.js'
import type { RoundPayload } from '../../transport/types.js'
import type { PeerViewState, PublishedPayload } from '../types.js'
import type { RoundMeta } from './codec.js'
import { type PeerContext, jsonCopy } from './context.js'

/**
 * The meta of a round that moves `base` to `view` with `salt`: the version after `base`, and the
 * view's digest and commitment through `viewCommitment`. The proposer builds its proposal with it
 * and a receiver rebuilds the round from its own data with it, so both compute the commitment the
 * same way. @internal
 */
export function roundMeta(
  context: PeerContext,
  parameters: {
    readonly kind: RoundMeta['kind']
    readonly viewId: Hex
    readonly round: bigint
    readonly base: PeerViewState
    readonly recordId: string
    readonly proposer: Address
    readonly salt: Hex
    readonly patch: Patch
    readonly view: JsonValue
  },
): RoundMeta {
  const { kind, viewId, round, base, recordId, proposer, salt, patch, view } = parameters
  const version = base.version + 1n
  const { digest, commitment } = viewCommitment({ view, chainId: context.chainId, coordinator: context.coordinator, viewId, version, salt })
  return { kind, round, recordId, baseVersion: base.version, baseCommitment: base.head, version, salt, commitment, digest, proposer, patch: jsonCopy(patch), view }
}

/**
 * What a proposer keeps of `meta` once the round completed (`PeerViewState.published`): its numbers
 * and the payload sealed as published, nothing in clear; `undefined` when nothing was sealed. @internal
 */
export function publishedOf(meta: RoundMeta): PublishedPayload | undefined {
  const { round, baseVersion, version, sealed } = meta
  return sealed === undefined ? undefined : { round, baseVersion, version, sealed }
}

/** The payload `proposer` publishes for `meta`'s round of `viewId`. @internal */
export function payloadOf(viewId: Hex, meta: RoundMeta, proposer: Address): RoundPayload {
  const { round, baseVersion, version, patch, salt, commitment } = meta
  return { viewId, round, baseVersion, version, patch, salt, commitment, proposer }
}
