/**
 * The campaign's invariants, each returning the violations it finds (empty: holds):
 * 1. safety (after every command): no honest peer holds a version the chain does not have, nor a
 *    promoted head that differs from the chain's commitment of that version, and the data of every
 *    member other than the owner is its promoted view (its digest matches);
 * 2. convergence (after settling): every honest holder of a view holds the same data, equal to the
 *    view's lens of the owner's record, at the chain's version and head, with nothing left staged;
 * 3. liveness: an open round's deadline is never further ahead than the view's `maxTtl` (after every
 *    command); no round is open past its deadline and grace window after settling, and once the clock
 *    passed that bound and the peers settled again, no round is open at all;
 * 4. durability (while driving): nothing staged is lost across a crash (see `System.restart`).
 */
import { isDeepStrictEqual } from 'node:util'
import { getView, viewDigest } from 'lensync/coordinator'
import type { Hex } from 'viem'
import { type System, everyone } from './_system.js'

/** The chain's commitment of each completed version of `viewId` (version → head). */
async function chainHeads(system: System, viewId: Hex): Promise<Map<bigint, string>> {
  const heads = new Map<bigint, string>()
  const history = await system.handles.patient.peer.history(viewId)
  for (const round of history.rounds) if (round.outcome === 'completed') heads.set(round.version, round.commitment.toLowerCase())
  return heads
}

/** Invariants 1 and the first part of 3, after every command. */
export async function checkSafety(system: System): Promise<string[]> {
  const violations: string[] = [...system.violations]
  const now = (await system.world.publicClient.getBlock()).timestamp
  for (const viewId of [system.clinical, system.research]) {
    const chain = await getView(system.world.publicClient, { address: system.world.coordinator, viewId })
    if (chain.roundOpen && chain.deadline > now + BigInt(chain.maxTtl)) violations.push(`round ${chain.round} of ${viewId} is open until ${chain.deadline}, beyond maxTtl (${chain.maxTtl} s) from now (${now})`)
    let heads: Map<bigint, string> | undefined
    for (const who of everyone) {
      for (const held of system.holdings(who)) {
        if (held.viewId !== viewId) continue
        const peer = system.handles[who].peer
        const state = await peer.viewState(viewId)
        if (state === undefined) continue
        if (state.version > chain.version) violations.push(`${who} holds version ${state.version} of ${viewId}; the chain is at ${chain.version}`)
        else if (state.version === chain.version) {
          if (state.head.toLowerCase() !== chain.head.toLowerCase()) violations.push(`${who} promoted head ${state.head} at version ${state.version}; the chain's head is ${chain.head}`)
        } else if (state.version > 0n) {
          heads ??= await chainHeads(system, viewId)
          const head = heads.get(state.version)
          if (head !== undefined && head !== state.head.toLowerCase()) violations.push(`${who} holds head ${state.head} at version ${state.version}; the chain committed ${head}`)
        }
        // The owner's record may run ahead of one of its views while a propagation round is open
        // (checked once settled); any other holder's data is exactly its promoted view.
        if (who === 'patient') continue
        const digest = viewDigest(await peer.view(viewId))
        if (digest !== state.digest) violations.push(`${who}: the data behind ${viewId} is not the promoted view (digest ${digest} ≠ ${state.digest})`)
      }
    }
  }
  return violations
}

/** Invariants 2 and 3, after settling. */
export async function checkSettled(system: System): Promise<string[]> {
  const violations = await checkSafety(system)
  const record = await system.handles.patient.peer.record('record')
  for (const viewId of [system.clinical, system.research]) {
    const chain = await getView(system.world.publicClient, { address: system.world.coordinator, viewId })
    if (chain.roundOpen) violations.push(`round ${chain.round} of ${viewId} is still open after settling`)
    for (const who of everyone) {
      for (const held of system.holdings(who)) {
        if (held.viewId !== viewId) continue
        const peer = system.handles[who].peer
        const expected = held.lens.get(record as never)
        const actual = await peer.view(viewId)
        if (!isDeepStrictEqual(actual, expected)) violations.push(`${who}'s view ${viewId} differs from the lens of the owner's record`)
        const state = await peer.viewState(viewId)
        if (state?.version !== chain.version || state.head.toLowerCase() !== chain.head.toLowerCase())
          violations.push(`${who} holds version ${state?.version} of ${viewId} after settling; the chain is at ${chain.version}`)
      }
    }
  }
  for (const who of everyone) {
    const staged = await system.stores[who].storage.listStaged()
    if (staged.length > 0) violations.push(`${who} still stages ${staged.length} round(s) after settling`)
  }
  return violations
}
