/**
 * Joining a view: a member's snapshot of its current version, checked against the chain, then the
 * rounds it lags behind replayed. @internal
 */
import type { Address, Hex } from 'viem'
import type { Lens } from '../../../lens/Lens.js'
import { applyPatch } from '../../../lens/patch/applyPatch.js'
import type { JsonValue } from '../../../json/JsonValue.js'
import { viewDigest } from '../../commitment/digest.js'
import { viewCommitment } from '../../commitment/viewCommitment.js'
import type { ViewHistory } from '../../chain/history.js'
import type { SignedRoundPayload } from '../../transport/types.js'
import { PeerError } from '../errors.js'
import type { PeerViewState } from '../types.js'
import { type PeerContext, READ_WRITE, jsonCopy, normalizeViewId, writeViewState } from './context.js'

/**
 * Builds the current view of `viewId` and checks it against the chain:
 * 1. the round-0 payload of a member (`from`, default the controller): a snapshot `add ""` of the
 *    whole view at the version `v` that member holds, with its salt;
 * 2. the snapshot's commitment, recomputed from its view, salt and `v`, against the chain's commitment
 *    of version `v`: the head when `v` is the version on chain (then nothing else is fetched), else the
 *    commitment of the completed round that produced `v` (`getHistory`; the initial commitment for
 *    `v = 0`);
 * 3. when the member lags (`v` below the chain's version), the payload of every completed round after
 *    `v`, in order, from its proposer, each recomputed against the commitment of its round;
 * 4. the result against the head and version on chain.
 * Then stores the record (created with `lens.create`, or checked when it exists) and the view state.
 * Nothing is stored when any check fails.
 *
 * NOTE: a snapshot from an up-to-date member needs no payload of any past round. A lagging member's
 * snapshot needs the payloads of the rounds it lags behind: transports keep the last `retainRounds`
 * rounds per view in memory, and each proposer keeps its newest `KEPT_PAYLOADS` (32) completed payloads
 * per view in its storage (`PeerViewState.published`, served through `Transport.setArchive`). A
 * member that lags further cannot serve a join: `JoinUnavailable` names the missing round; join from
 * another member (`from`). Rounds are sealed for, and served to, the members of each round only, so
 * only a peer that was a member of the missing rounds (rejoining with fresh storage) can replay them;
 * a peer added since joins from an up-to-date member. @internal
 */
export async function joinView(
  context: PeerContext,
  parameters: {
    readonly viewId: Hex
    readonly recordId: string
    readonly lens: Lens<unknown, unknown>
    readonly from?: Address | undefined
    readonly definitionHash?: Hex | undefined
  },
): Promise<void> {
  const viewId = normalizeViewId(parameters.viewId)
  const { recordId, lens } = parameters
  const { chainId, coordinator } = context
  const unavailable = (message: string, cause?: unknown) => new PeerError({ code: 'JoinUnavailable', viewId, message, cause })
  const mismatch = (round: bigint, message: string) => new PeerError({ code: 'CommitmentMismatch', viewId, round, message })
  const commit = (view: JsonValue, version: bigint, salt: Hex) => viewCommitment({ view, chainId, coordinator, viewId, version, salt })

  let onChain = await context.chain.getView({ viewId })
  if (((await context.chain.permissionsOf({ viewId, account: context.address })) & READ_WRITE) === 0)
    throw new PeerError({ code: 'NotMember', viewId, message: 'this peer is not a peer of the view; ask its controller to add it.' })
  if (parameters.definitionHash !== undefined) await checkDefinition(context, viewId, parameters.definitionHash)
  const fetch = async (round: bigint, from: Address, hint: string): Promise<SignedRoundPayload> => {
    try {
      return await context.transport.fetch({ viewId, round, from })
    } catch (error) {
      throw unavailable(`cannot fetch ${round === 0n ? 'the snapshot (round 0)' : `round ${round}`} of the view from ${from}: ${hint}`, error)
    }
  }

  const from = parameters.from ?? onChain.controller
  const snapshot = await fetch(
    0n,
    from,
    'the peer is offline, does not hold the view, or its transport keeps no archive (setArchive); retry, or join from another member (`from`).',
  )
  const op = snapshot.patch[0]
  if (snapshot.baseVersion !== 0n || snapshot.patch.length !== 1 || op?.op !== 'add' || op.path !== '')
    throw unavailable(`the round-0 payload served by ${from} is not a snapshot (one \`add ""\` of the whole view); join from another member (\`from\`).`)
  const snapshotVersion = snapshot.version
  // A round may have completed between the chain read and the snapshot: read the chain again.
  if (snapshotVersion > onChain.version) onChain = await context.chain.getView({ viewId })
  if (snapshotVersion > onChain.version)
    throw mismatch(0n, `the snapshot served by ${from} claims version ${snapshotVersion}, but the chain is at version ${onChain.version}; refusing it (nothing stored). Join from another member (\`from\`).`)

  let view = jsonCopy(op.value) as JsonValue
  let salt = snapshot.salt
  let version = snapshotVersion
  let history: ViewHistory | undefined
  const expected = snapshotVersion === onChain.version ? onChain.head : commitmentOfVersion((history = await context.chain.getHistory({ viewId, fromBlock: context.fromBlock })), snapshotVersion)
  if (expected === undefined)
    throw unavailable(
      `the snapshot served by ${from} is at version ${snapshotVersion}, older than the chain's ${onChain.version}, and the history read from block ${context.fromBlock} does not show how that version was committed; join from an up-to-date member (\`from\`), or give the peer an earlier fromBlock.`,
    )
  if (commit(view, snapshotVersion, salt).commitment.toLowerCase() !== expected.toLowerCase())
    throw mismatch(
      0n,
      `the snapshot of version ${snapshotVersion} served by ${from} does not produce the commitment of that version on chain (a tampered view or salt); refusing it (nothing stored). Join from another member (\`from\`).`,
    )

  if (history !== undefined) {
    const missing = history.rounds.filter((r) => r.outcome === 'completed' && r.version > snapshotVersion && r.version <= onChain.version)
    for (const round of missing) {
      const payload = await fetch(
        round.round,
        round.proposer,
        `the snapshot from ${from} is at version ${snapshotVersion} and this round's proposer no longer serves it (offline, or past its retention and the payloads it keeps); join from an up-to-date member (\`from\`).`,
      )
      if (payload.version !== round.version || payload.baseVersion !== version)
        throw unavailable(`the payload of round ${round.round} does not continue version ${version}; join from an up-to-date member (\`from\`).`)
      view = applyPatch(view, payload.patch) as JsonValue
      if (commit(view, round.version, payload.salt).commitment.toLowerCase() !== round.commitment.toLowerCase())
        throw mismatch(round.round, `replaying round ${round.round} does not produce its commitment; refusing the view (nothing stored).`)
      salt = payload.salt
      version = round.version
    }
  }
  const { digest, commitment: head } = commit(view, version, salt)
  if (version !== onChain.version || head.toLowerCase() !== onChain.head.toLowerCase())
    throw mismatch(0n, `the view rebuilt from the snapshot of ${from} and the rounds since does not match the head commitment on chain; refusing it (nothing stored).`)

  const existing = await context.storage.getRecord(recordId)
  if (existing === undefined) await context.storage.putRecord(recordId, lens.create(view), { expectedVersion: null })
  else if (viewDigest(lens.get(existing.data)) !== digest)
    throw new PeerError({ code: 'CommitmentMismatch', viewId, recordId, message: 'the existing record does not show the shared view through this lens.' })
  const state: PeerViewState = { recordId, version, head: onChain.head, salt, digest, view, controller: onChain.controller }
  await writeViewState(context.storage, viewId, state)
}

/**
 * The commitment the chain holds for `version`: the initial commitment for 0, else the commitment of
 * the completed round that created it; `undefined` when the history (read from a later block) does not
 * show it.
 */
function commitmentOfVersion(history: ViewHistory, version: bigint): Hex | undefined {
  if (version === 0n) {
    const created = history.membership.find((m) => m.type === 'ViewCreated')
    return created?.type === 'ViewCreated' ? created.initialCommitment : undefined
  }
  return history.rounds.find((r) => r.outcome === 'completed' && r.version === version)?.commitment
}

/** Refuses the join unless the view was created with `definitionHash` (its `ViewCreated` event). */
async function checkDefinition(context: PeerContext, viewId: Hex, definitionHash: Hex): Promise<void> {
  const history = await context.chain.getHistory({ viewId, fromBlock: context.fromBlock })
  const created = history.membership.find((m) => m.type === 'ViewCreated')
  if (created?.type !== 'ViewCreated')
    throw new PeerError({
      code: 'JoinUnavailable',
      viewId,
      pointer: '/definitionHash',
      message: `the view's creation is not in the history read from block ${context.fromBlock}, so its definition cannot be checked; give the peer an earlier fromBlock.`,
    })
  if (created.definitionHash.toLowerCase() !== definitionHash.toLowerCase())
    throw new PeerError({
      code: 'DefinitionMismatch',
      viewId,
      pointer: '/definitionHash',
      message: `the view was created with definition ${created.definitionHash}, not ${definitionHash}; join with the lens built from the view's own definition (nothing stored).`,
    })
}
