/**
 * The campaign's attacks on the protocol itself (the hostile payloads are in `_commands.ts`): forged
 * relayed acks, a member that never acks and is evicted, and a writer proposing junk to hold the view
 * (a ttl above the view's maximum, a re-proposal right after the controller cancels, removal by the
 * controller). Each command asserts what the contract or the engine must refuse; the invariants check
 * the rest after it.
 */
import fc from 'fast-check'
import { type Address, type Hex, isAddressEqual, keccak256, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { CoordinatorError, cancelRound, evictAndCommit, getView, peersOf, proposeUpdate, removePeer, signAck } from 'lensync/coordinator'
import { addObservation } from '../../_helpers/fixtures.js'
import { READ, READ_WRITE } from '../integration/_harness.js'
import { Base, type Command, type Model, stringify } from './_command.js'
import { type System, type Who, everyone } from './_system.js'

/** Signs acks for nobody in the view. */
const outsider = privateKeyToAccount(keccak256(toHex('lensync campaign outsider')))

/** The contract's error name of a rejected transaction, or `undefined` when it went through. */
async function revertOf(write: Promise<unknown>): Promise<string | undefined> {
  try {
    await write
    return undefined
  } catch (error) {
    if (error instanceof CoordinatorError) return error.errorName
    throw error
  }
}

const where = (system: System) => ({ address: system.world.coordinator })
const viewOf = (system: System, viewId: Hex) => getView(system.world.publicClient, { ...where(system), viewId })
const whoIs = (system: System, address: Address): Who => everyone.find((w) => isAddressEqual(system.handles[w].account.address, address))!

/**
 * Someone posts acks their signers never gave to the proposer of each open round: a signature by a
 * key outside the view claiming a member, and bytes that are no signature. Both are refused on arrival
 * and never enter the relayer's batch.
 */
class ForgedAck extends Base {
  /** Forged acks refused in the last run (for the campaign's own tests). */
  refused = 0
  async act(_model: Model, system: System) {
    this.refused = 0
    for (const viewId of [system.clinical, system.research]) {
      const view = await viewOf(system, viewId)
      if (!view.roundOpen) continue
      const proposer = whoIs(system, view.proposer)
      const ack = { ...where(system), chainId: system.world.publicClient.chain.id, viewId, round: view.round, version: view.version + 1n, commitment: view.pending, deadline: view.deadline }
      const forgeries = [await signAck(outsider, ack), `0x${'ab'.repeat(65)}` as Hex]
      for (const member of await peersOf(system.world.publicClient, { ...where(system), viewId })) {
        if (isAddressEqual(member.address, view.proposer)) continue
        for (const signature of forgeries) {
          const response = await system.ackHub.send(view.proposer, stringify({ viewId, round: view.round, signer: member.address, signature }))
          if (response.status < 400) throw new Error(`${this.toString()}: the relayer accepted a forged ack for ${member.address} (status ${response.status})`)
          const kept = system.handles[proposer].ackChannel.received(viewId, view.round)
          if (kept.some((a) => a.signature === signature)) throw new Error(`${this.toString()}: the forged ack entered ${proposer}'s inbox`)
          this.refused++
        }
      }
    }
  }
  toString = () => 'forgedAck()'
}

/**
 * The patient proposes; every other member stays silent past the round's deadline. Inside its grace
 * window the patient, the controller, evicts the silent members and completes the round with the acks
 * it has (`evictAndCommit`), then sets them back with the permissions they had.
 */
class EvictSilent extends Base {
  /** Members evicted and set back in the last run (for the campaign's own tests). */
  evicted = 0
  constructor(readonly value: number) {
    super()
  }
  async act(_model: Model, system: System) {
    this.evicted = 0
    const id = system.observationId()
    await system.run('patient', (peer) => peer.update(system.clinical, addObservation(id, this.value)))
    await system.run('patient', (peer) => peer.sync())
    for (const viewId of [system.clinical, system.research]) {
      const view = await viewOf(system, viewId)
      if (!view.roundOpen || !isAddressEqual(view.proposer, system.handles.patient.account.address)) continue
      const now = (await system.world.publicClient.getBlock()).timestamp
      if (now > view.deadline + BigInt(view.grace)) continue
      const members = await peersOf(system.world.publicClient, { ...where(system), viewId })
      const silent = members.filter((m) => ((view.ackMask >> BigInt(m.index)) & 1n) === 0n)
      if (silent.length === 0) continue
      if (now <= view.deadline) {
        await system.world.testClient.setNextBlockTimestamp({ timestamp: view.deadline + 1n })
        await system.world.testClient.mine({ blocks: 1 })
      }
      await evictAndCommit(system.wallet('patient'), { ...where(system), viewId, silentPeers: silent.map((m) => m.address) })
      for (const member of silent) await readmit(system, viewId, member.address, member.permissions)
      this.evicted += silent.length
    }
  }
  toString = () => `evictSilent(${this.value})`
}

/** Sets `address` back into `viewId` with `permissions` (through the patient's engine; a crash there is retried). */
async function readmit(system: System, viewId: Hex, address: Address, permissions: number): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const done = await system.run('patient', (peer) => peer.setMember(viewId, { address, permissions }))
    if (done !== undefined) return
  }
  throw new Error(`could not set ${address} back into ${viewId}`)
}

/**
 * The doctor tries to hold the clinical view with junk proposals (commitments with no payload behind
 * them), straight on the contract: a ttl above the view's maximum is refused; a round it does open is
 * ended by the controller, which either cancels it (the doctor's immediate re-proposal is then
 * `ProposerBenched`: the patient, the other writer, goes first) or removes the doctor (aborting the
 * round in the same transaction) and sets it back.
 */
class JunkProposal extends Base {
  /** How the last run ended (for the campaign's own tests): the contract's revert, or the controller's answer. */
  outcome = ''
  constructor(readonly answer: 'cancel' | 'remove') {
    super()
  }
  async act(model: Model, system: System) {
    this.outcome = ''
    const viewId = system.clinical
    const view = await viewOf(system, viewId)
    const junk = (ttl: number) =>
      revertOf(proposeUpdate(system.wallet('doctor'), { ...where(system), viewId, baseVersion: view.version, baseCommitment: view.head, newCommitment: keccak256(toHex(`junk ${view.round}`)), ttl }))
    const tooLong = await junk(view.maxTtl + 1)
    if (tooLong !== 'InvalidTtl' && tooLong !== 'MissingPermission') throw new Error(`${this.toString()}: a ttl above the view's maxTtl (${view.maxTtl}) was not InvalidTtl (${tooLong ?? 'a round opened'})`)
    const refused = await junk(view.maxTtl)
    if (refused !== undefined) {
      if (!['RoundOpen', 'MissingPermission', 'StaleBase', 'ProposerBenched'].includes(refused)) throw new Error(`${this.toString()}: unexpected revert ${refused}`)
      this.outcome = refused
      return
    }
    if (this.answer === 'cancel') {
      await cancelRound(system.wallet('patient'), { ...where(system), viewId })
      const again = await junk(view.maxTtl)
      if (again !== 'ProposerBenched') throw new Error(`${this.toString()}: the doctor re-proposed right after the cancel (${again ?? 'accepted'})`)
      this.outcome = 'cancelled, then ProposerBenched'
      return
    }
    await removePeer(system.wallet('patient'), { ...where(system), viewId, peer: system.handles.doctor.account.address })
    if ((await viewOf(system, viewId)).roundOpen) throw new Error(`${this.toString()}: removing the doctor left its round open`)
    await readmit(system, viewId, system.handles.doctor.account.address, model.doctorWrites ? READ_WRITE : READ)
    this.outcome = 'removed, round aborted, set back'
  }
  toString = () => `junkProposal('${this.answer}')`
}

export { EvictSilent, ForgedAck, JunkProposal }

/** The attack commands. */
export const attacks: fc.Arbitrary<Command>[] = [
  fc.constant(new ForgedAck()),
  fc.integer({ min: 40, max: 200 }).map((v) => new EvictSilent(v)),
  fc.constantFrom<'cancel' | 'remove'>('cancel', 'remove').map((a) => new JunkProposal(a)),
]
