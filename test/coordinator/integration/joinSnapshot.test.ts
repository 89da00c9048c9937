import type { Address, Hex } from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { chainRoster, generateSalt, getView, inProcessTransport, PeerError, settle, TransportError } from 'lensync/coordinator'
import { KEPT_PAYLOADS } from '../../../src/coordinator/peer/_internal/keptPayloads.js'
import type { PeerViewState, RoundPayload, Transport } from 'lensync/coordinator'
import { id } from 'lensync/lens'
import type { JsonValue } from 'lensync'
import { memoryStorage, type MemoryStorage } from 'lensync/storage/memory'
import { addObservation, type Bundle, clinicalLens, patientRecord } from '../../_helpers/fixtures.js'
import { type PeerHandle, READ, READ_WRITE, startWorld, type World } from './_harness.js'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'
import { LensyncError } from 'lensync'

// Joining from a snapshot: a member serves round 0 as a snapshot of the version it holds (from its
// view state, at each request); the joiner checks it against the commitment of that version on chain
// and replays only the rounds the member lags behind. Proposers keep only their newest completed
// payloads (`KEPT_PAYLOADS`), so a view state stays the same size however many rounds it sees. On a
// real anvil with the deployed contract.

let world: World
beforeAll(async () => {
  world = await startWorld(6)
})
afterAll(async () => {
  await world?.stop()
})

const chainView = (viewId: Hex) => getView(world.publicClient, { address: world.coordinator, viewId })

/** An in-process transport for account `i` on the current hub (its archive is whatever the test sets). */
function transportOf(i: number, retainRounds?: number) {
  return inProcessTransport(world.hub, {
    account: world.accounts[i]!,
    chainId: foundry.id,
    coordinator: world.coordinator,
    roster: world.roster,
    retainRounds,
  })
}

/** A transport for account `i` that notes every round it fetches. */
function recordingTransport(i: number): { transport: Transport; fetched: bigint[] } {
  const inner = transportOf(i)
  const fetched: bigint[] = []
  return {
    fetched,
    transport: {
      address: inner.address,
      publish: inner.publish,
      withdraw: inner.withdraw,
      close: inner.close,
      setArchive: inner.setArchive,
      fetch: (parameters) => {
        fetched.push(parameters.round)
        return inner.fetch(parameters)
      },
    },
  }
}

/** A transport for account `i` without `setArchive`: it serves only what it retains. */
function bareTransport(i: number): Transport {
  const { setArchive: _dropped, ...rest } = transportOf(i)
  return rest
}

/** A new Peer on the same memory storage, the view bound again (the old transport closed first). */
async function restart(handle: PeerHandle, i: number, recordId: string, viewId: Hex, makeTransport?: () => Transport): Promise<PeerHandle> {
  await handle.close()
  const transport = makeTransport?.()
  const storage = memoryStorage({ store: (handle.storage as MemoryStorage).store })
  const next = world.peer(i, { storage, transport })
  if (recordId === 'record') next.peer.bind(viewId, recordId, clinicalLens)
  else next.peer.bind(viewId, recordId, id())
  return next
}

/** The patient (account 0) shares the clinical view with the doctor (account 1, READ|WRITE) and more; all join. */
async function shared(more: readonly { readonly i: number; readonly permissions: number }[] = []) {
  world.freshHubs()
  const patient = world.peer(0)
  const doctor = world.peer(1)
  const others = more.map(({ i }) => world.peer(i))
  await patient.peer.putRecord('record', patientRecord())
  const { viewId } = await patient.peer.shareView({
    recordId: 'record',
    lens: clinicalLens,
    peers: [{ address: doctor.account.address, permissions: READ_WRITE }, ...more.map(({ i, permissions }) => ({ address: world.accounts[i]!.address, permissions }))],
  })
  await doctor.peer.joinView({ viewId, recordId: 'clinical' })
  for (const other of others) await other.peer.joinView({ viewId, recordId: 'clinical' })
  return { patient, doctor, others, viewId }
}

/** A round-0 snapshot as `proposer` would serve it. */
const snapshotOf = (viewId: Hex, proposer: Address, version: bigint, view: JsonValue, salt: Hex, commitment: Hex): RoundPayload => ({
  viewId,
  round: 0n,
  baseVersion: 0n,
  version,
  patch: [{ op: 'add', path: '', value: view }],
  salt,
  commitment,
  proposer,
})

describe('joining from a snapshot', () => {
  test('behavior: a joiner gets the current version from one snapshot (round 0 only), from the controller or any member, even when no payload of a past round is available anywhere', async () => {
    let { patient, doctor, viewId } = await shared()
    for (let r = 1; r <= 4; r++) {
      await doctor.peer.update(viewId, addObservation(`o${r}`, 100 + r))
      await settle([patient.peer, doctor.peer])
    }
    expect((await chainView(viewId)).version).toBe(4n)

    // Before any restart, from the doctor (a member, not the controller): the snapshot is of version 4
    // (read from its view state, not a version-0 copy in the transport): nothing is replayed.
    await patient.peer.setMember(viewId, { address: world.accounts[2]!.address, permissions: READ })
    const early = recordingTransport(2)
    const earlyPeer = world.peer(2, { transport: early.transport })
    await earlyPeer.peer.joinView({ viewId, recordId: 'clinical', from: doctor.account.address })
    expect(early.fetched).toEqual([0n])
    expect(await earlyPeer.peer.viewState(viewId)).toMatchObject({ version: 4n, head: (await chainView(viewId)).head })
    expect(await earlyPeer.peer.view(viewId)).toEqual(await doctor.peer.view(viewId))

    // The doctor proposed every round; it restarts with a transport that offers no archive, the patient
    // with an empty retention. No payload of rounds 1–4 can be had from anyone.
    patient = await restart(patient, 0, 'record', viewId)
    doctor = await restart(doctor, 1, 'clinical', viewId, () => bareTransport(1))
    for (let r = 1n; r <= 4n; r++) {
      // Unauthorized: it was no member of those rounds.
      await expectLensyncErrorAsync(earlyPeer.transport.fetch({ viewId, round: r, from: doctor.account.address }), TransportError, { code: 'Unauthorized' })
      await expectLensyncErrorAsync(earlyPeer.transport.fetch({ viewId, round: r, from: patient.account.address }), TransportError)
    }
    await patient.peer.setMember(viewId, { address: world.accounts[3]!.address, permissions: READ })
    const late = recordingTransport(3)
    const latePeer = world.peer(3, { transport: late.transport })
    await latePeer.peer.joinView({ viewId, recordId: 'clinical' })
    expect(late.fetched).toEqual([0n])
    const state = (await latePeer.peer.viewState(viewId))!
    expect(state).toMatchObject({ version: 4n, head: (await chainView(viewId)).head, controller: patient.account.address })
    expect(await latePeer.peer.view(viewId)).toEqual(clinicalLens.get((await patient.peer.record('record')) as unknown as Bundle))
    // The controller kept no version-0 copy: its view state is one version, whatever the view's age.
    const controllerState = (await patient.peer.viewState(viewId)) as PeerViewState & { genesis?: unknown }
    expect(controllerState.genesis).toBeUndefined()
    expect(controllerState.published).toBeUndefined()

    // Everyone goes on together.
    const all = [patient.peer, doctor.peer, earlyPeer.peer, latePeer.peer]
    await doctor.peer.update(viewId, addObservation('o5', 105))
    await settle(all)
    for (const p of all) expect(await p.view(viewId)).toEqual(await patient.peer.view(viewId))
    expect((await latePeer.peer.viewState(viewId))!.version).toBe(5n)
  })

  test('behavior: a snapshot from a member lagging behind the chain cannot be completed by a member added since (rounds are sealed for their members only): JoinUnavailable naming the round; from the controller it joins', async () => {
    const { patient, doctor: doctor0, others, viewId } = await shared([{ i: 2, permissions: READ }])
    let doctor = doctor0
    const laggard = others[0]!
    await doctor.peer.update(viewId, addObservation('o1', 101))
    await settle([patient.peer, doctor.peer, laggard.peer])
    // Round 2: the laggard acks first, then stops syncing; the patient's ack completes the round.
    await doctor.peer.update(viewId, addObservation('o2', 102))
    await laggard.peer.sync()
    await settle([patient.peer, doctor.peer])
    expect((await chainView(viewId)).version).toBe(2n)
    expect((await laggard.peer.viewState(viewId))!.version).toBe(1n)
    expect(await laggard.peer.storage.listStaged()).toHaveLength(1)

    await patient.peer.setMember(viewId, { address: world.accounts[3]!.address, permissions: READ })
    await patient.peer.setMember(viewId, { address: world.accounts[4]!.address, permissions: READ })

    // The proposer of round 2 is offline: the laggard's snapshot cannot be completed.
    await doctor.close()
    const stuck = world.peer(4)
    const error = await expectLensyncErrorAsync(stuck.peer.joinView({ viewId, recordId: 'clinical', from: laggard.account.address }), PeerError, { code: 'JoinUnavailable' })
    expect(error.message).toContain('round 2')
    expect(error.message).toContain('from')
    expect(await stuck.peer.record('clinical')).toBeUndefined()
    expect(await stuck.peer.viewState(viewId)).toBeUndefined()

    // Back (empty retention): its storage still serves round 2, but only to the members of round 2 —
    // a joiner added since gets round 0 (from the laggard) and a refusal for round 2.
    doctor = await restart(doctor, 1, 'clinical', viewId)
    const joiner = recordingTransport(3)
    const joinerPeer = world.peer(3, { transport: joiner.transport })
    const refused = await expectLensyncErrorAsync(joinerPeer.peer.joinView({ viewId, recordId: 'clinical', from: laggard.account.address }), PeerError, { code: 'JoinUnavailable' })
    expect(refused.message).toContain('round 2')
    expect(refused.walk((e) => (e as { code?: string }).code === 'Unauthorized')).toBeDefined()
    expect(joiner.fetched).toEqual([0n, 2n])
    expect(await joinerPeer.peer.viewState(viewId)).toBeUndefined()
    await joinerPeer.peer.joinView({ viewId, recordId: 'clinical' })
    expect(await joinerPeer.peer.viewState(viewId)).toMatchObject({ version: 2n, head: (await chainView(viewId)).head })
    expect(await joinerPeer.peer.view(viewId)).toEqual(await doctor.peer.view(viewId))
    // The other joiner follows the advice: from the (up-to-date) controller.
    await stuck.peer.joinView({ viewId, recordId: 'clinical' })

    const all = [patient.peer, doctor.peer, laggard.peer, joinerPeer.peer, stuck.peer]
    await settle(all)
    expect((await laggard.peer.viewState(viewId))!.version).toBe(2n)
    await doctor.peer.update(viewId, addObservation('o3', 103))
    await settle(all)
    for (const p of all) {
      expect(await p.view(viewId)).toEqual(await patient.peer.view(viewId))
      expect((await p.viewState(viewId))!.version).toBe(3n)
    }
  })

  test('error: a forged snapshot (tampered view or salt, at the current or an older version, or ahead of the chain) is CommitmentMismatch and nothing is stored; the genuine old one passes, and stops at the first round sealed before the joiner was a member', async () => {
    const { patient, doctor, viewId } = await shared()
    const v0 = (await patient.peer.viewState(viewId))!
    for (let r = 1; r <= 2; r++) {
      await doctor.peer.update(viewId, addObservation(`o${r}`, 100 + r))
      await settle([patient.peer, doctor.peer])
    }
    const v2 = (await patient.peer.viewState(viewId))!
    expect(v2.version).toBe(2n)
    // A server (account 2) that answers round 0 with whatever the test puts in `served`.
    const server = transportOf(2)
    const serverAddress = world.accounts[2]!.address
    let served: RoundPayload | undefined
    server.setArchive!(async () => served)
    await patient.peer.setMember(viewId, { address: world.accounts[3]!.address, permissions: READ })
    const joiner = recordingTransport(3)
    const joinerPeer = world.peer(3, { transport: joiner.transport })
    const tamper = (view: JsonValue): JsonValue => ({ ...(view as object), id: 'forged' })

    const forgeries: [string, RoundPayload][] = [
      ['tampered view, current version', snapshotOf(viewId, serverAddress, 2n, tamper(v2.view), v2.salt, v2.head)],
      ['tampered salt, current version', snapshotOf(viewId, serverAddress, 2n, v2.view, generateSalt(), v2.head)],
      ['tampered view, version 0', snapshotOf(viewId, serverAddress, 0n, tamper(v0.view), v0.salt, v0.head)],
      ['tampered salt, version 0', snapshotOf(viewId, serverAddress, 0n, v0.view, generateSalt(), v0.head)],
      ['ahead of the chain', snapshotOf(viewId, serverAddress, 3n, v2.view, v2.salt, v2.head)],
    ]
    for (const [what, forged] of forgeries) {
      served = forged
      const error = await expectLensyncErrorAsync(joinerPeer.peer.joinView({ viewId, recordId: 'clinical', from: serverAddress }), PeerError, { code: 'CommitmentMismatch' })
      expect(error.message, what).toContain(serverAddress)
      expect(error.message, what).toContain('nothing stored')
      expect(await joinerPeer.peer.record('clinical'), what).toBeUndefined()
      expect(await joinerPeer.peer.viewState(viewId), what).toBeUndefined()
    }
    // Forgeries of an older version are checked against that version's commitment before anything
    // else is fetched: only round 0 was ever asked for.
    expect(joiner.fetched).toEqual([0n, 0n, 0n, 0n, 0n])

    // Control: the genuine version-0 snapshot passes its check; round 1 was sealed for the members of
    // round 1, which the joiner was not: JoinUnavailable. From the controller, it joins.
    served = snapshotOf(viewId, serverAddress, 0n, v0.view, v0.salt, v0.head)
    expect((await expectLensyncErrorAsync(joinerPeer.peer.joinView({ viewId, recordId: 'clinical', from: serverAddress }), PeerError, { code: 'JoinUnavailable' })).message).toContain('round 1')
    expect(joiner.fetched.slice(5)).toEqual([0n, 1n])
    await joinerPeer.peer.joinView({ viewId, recordId: 'clinical' })
    expect(await joinerPeer.peer.viewState(viewId)).toMatchObject({ version: 2n, head: v2.head })
    expect(await joinerPeer.peer.view(viewId)).toEqual(await doctor.peer.view(viewId))
    await server.close()
  })

  test(`behavior: published keeps only the newest ${KEPT_PAYLOADS} payloads after ${KEPT_PAYLOADS} + 3 rounds; pruned rounds are no longer served, joining still works`, async () => {
    const N = KEPT_PAYLOADS
    world.freshHubs()
    const patient = world.peer(0)
    const doctor = world.peer(1, { retainRounds: 1 })
    await patient.peer.putRecord('record', patientRecord())
    const { viewId } = await patient.peer.shareView({ recordId: 'record', lens: clinicalLens, peers: [{ address: doctor.account.address, permissions: READ_WRITE }] })
    await doctor.peer.joinView({ viewId, recordId: 'clinical' })
    const v0 = (await patient.peer.viewState(viewId))!
    const sizes: number[] = []
    for (let r = 1; r <= N + 3; r++) {
      await doctor.peer.update(viewId, addObservation(`o${r}`, 100 + r))
      await settle([patient.peer, doctor.peer])
      const state = (await doctor.peer.viewState(viewId))!
      expect(state.published!.length).toBe(Math.min(r, N))
      // The list as storage keeps it.
      sizes.push(JSON.stringify(((await doctor.peer.storage.getViewState(viewId)) as { published: unknown }).published).length)
    }
    expect((await doctor.peer.viewState(viewId))!.published!.map((p) => p.round)).toEqual(Array.from({ length: N }, (_, i) => BigInt(i + 4)))
    expect((await patient.peer.viewState(viewId))!.published).toBeUndefined()
    // N payloads of the same shape: past N rounds, the list no longer grows with the view's age.
    expect(sizes[N + 2]! / sizes[N - 1]!).toBeLessThan(1.05)

    // The last round is retained in memory, rounds 4 to N + 2 come from storage, 1–3 are gone.
    for (const r of [4n, BigInt(N + 2), BigInt(N + 3)]) expect((await patient.transport.fetch({ viewId, round: r, from: doctor.account.address })).version).toBe(r)
    for (const r of [1n, 2n, 3n]) expect(await expectLensyncErrorAsync(patient.transport.fetch({ viewId, round: r, from: doctor.account.address }), LensyncError)).toMatchObject({ code: 'NotFound' })

    // A joiner from an up-to-date member needs none of them.
    await patient.peer.setMember(viewId, { address: world.accounts[2]!.address, permissions: READ })
    const joiner = recordingTransport(2)
    const joinerPeer = world.peer(2, { transport: joiner.transport })
    await joinerPeer.peer.joinView({ viewId, recordId: 'clinical' })
    expect(joiner.fetched).toEqual([0n])
    expect((await joinerPeer.peer.viewState(viewId))!.version).toBe(BigInt(N + 3))

    // A snapshot older than the payloads kept cannot be completed: JoinUnavailable names the round.
    await patient.peer.setMember(viewId, { address: world.accounts[3]!.address, permissions: READ })
    const server = transportOf(4)
    server.setArchive!(async () => snapshotOf(viewId, world.accounts[4]!.address, 0n, v0.view, v0.salt, v0.head))
    const stale = world.peer(3)
    const error = await expectLensyncErrorAsync(stale.peer.joinView({ viewId, recordId: 'clinical', from: world.accounts[4]!.address }), PeerError, { code: 'JoinUnavailable' })
    expect(error.message).toContain('round 1')
    expect(await stale.peer.viewState(viewId)).toBeUndefined()
    await server.close()
  })
})
