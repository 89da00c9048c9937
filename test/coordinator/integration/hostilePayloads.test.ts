import type { Hex, LocalAccount } from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { getView, inProcessTransport, settle, TransportError, type TransportHub } from 'lensync/coordinator'
import type { Transport } from 'lensync/coordinator'
import { addObservation, clinicalLens, patientRecord } from '../../_helpers/fixtures.js'
import { READ_WRITE, startWorld, type World } from './_harness.js'

// A hostile proposer's payload is refused for good at once (logged once, never acked, never fetched
// again, cancelled by the controller); an unreachable proposer is retried with bounded backoff.

let world: World
beforeAll(async () => {
  world = await startWorld()
})
afterAll(async () => {
  await world?.stop()
})
afterEach(() => {
  vi.restoreAllMocks()
})

/** `transport` with its fetches counted. */
function counted(transport: Transport): { transport: Transport; fetches: () => number } {
  let fetches = 0
  const wrapped: Transport = {
    address: transport.address,
    publish: (p) => transport.publish(p),
    withdraw: (v, r) => transport.withdraw(v, r),
    fetch: (p) => {
      fetches++
      return transport.fetch(p)
    },
    close: () => transport.close(),
    setArchive: (a) => transport.setArchive?.(a),
  }
  return { transport: wrapped, fetches: () => fetches }
}

/** The doctor's account, whose round payloads are signed by another key (a forged payload signature). */
function forgingAccount(account: LocalAccount, forger: LocalAccount): LocalAccount {
  return { ...account, signTypedData: (p) => ((p as { primaryType?: string }).primaryType === 'RoundPayload' ? forger.signTypedData(p) : account.signTypedData(p)) } as LocalAccount
}

/** A hub whose answers from `address` have their ciphertext flipped (a tampered sealed payload). */
function tamperingHub(hub: TransportHub): TransportHub {
  return {
    listen: (address, handler) =>
      hub.listen(address, async (body, endpoint) => {
        const response = await handler(body, endpoint)
        if (endpoint !== 'fetch' || response.status !== 200) return response
        const answer = JSON.parse(response.body) as { payload: { ciphertext: string } }
        const c = answer.payload.ciphertext
        answer.payload.ciphertext = `${c.slice(0, 10)}${c[10] === 'A' ? 'B' : 'A'}${c.slice(11)}`
        return { status: 200, body: JSON.stringify(answer) }
      }),
    send: (address, body, endpoint) => hub.send(address, body, endpoint),
    get addresses() {
      return hub.addresses
    },
  }
}

/** A patient (controller) sharing a clinical view with a doctor whose transport is `doctorTransport(hub)`. */
async function clinicalView(doctorTransport: (hub: TransportHub) => Transport, patientOptions: { retry?: { initialDelay?: number; maxDelay?: number } } = {}) {
  world.freshHubs()
  const hub = world.hub
  const base = inProcessTransport(hub, { account: world.accounts[0]!, chainId: foundry.id, coordinator: world.coordinator, roster: world.roster })
  const { transport, fetches } = counted(base)
  const patient = world.peer(0, { transport, ...patientOptions })
  const doctor = world.peer(1, { transport: doctorTransport(hub) })
  await patient.peer.putRecord('record', patientRecord())
  const { viewId } = await patient.peer.shareView({ recordId: 'record', lens: clinicalLens, peers: [{ address: doctor.account.address, permissions: READ_WRITE }] })
  await doctor.peer.joinView({ viewId, recordId: 'clinical' })
  return { viewId, patient, doctor, fetches, hub }
}

const transportFor = (i: number, hub: TransportHub, account: LocalAccount = world.accounts[i]!) =>
  inProcessTransport(hub, { account, chainId: foundry.id, coordinator: world.coordinator, roster: world.roster })

describe('a hostile payload', () => {
  test.each([
    ['BadSignature', 'signed by another key than the proposer’s', (hub: TransportHub) => transportFor(1, hub, forgingAccount(world.accounts[1]!, world.accounts[4]!))],
    ['PayloadInvalid', 'sealed, then tampered with', (hub: TransportHub) => transportFor(1, tamperingHub(hub))],
  ] as const)('behavior: %s (a payload %s) is a final refusal: logged once, never acked, never fetched again, and the controller cancels the round in the same sync', async (reason, _what, doctorTransport) => {
    const { viewId, patient, doctor, fetches } = await clinicalView(doctorTransport)
    await doctor.peer.update(viewId, addObservation('o2', 666))
    await patient.peer.sync()
    const chain = await getView(world.publicClient, { address: world.coordinator, viewId })
    expect(chain.roundOpen).toBe(false)
    for (let i = 0; i < 5; i++) await patient.peer.sync()
    expect(fetches()).toBe(1)
    const refusals = patient.peer.log.filter((e) => e.kind === 'refused')
    expect(refusals).toEqual([expect.objectContaining({ viewId, round: 1n, reason, final: true })])
    expect(patient.peer.log.filter((e) => e.kind === 'cancelled')).toHaveLength(1)
    expect(patient.peer.log.some((e) => e.kind === 'acked')).toBe(false)
    expect(await patient.storage.listStaged()).toEqual([])
    expect((await patient.peer.history(viewId)).rounds[0]).toMatchObject({ outcome: 'aborted', abortReason: 'cancelled' })
    await settle([patient.peer, doctor.peer])
    expect((await doctor.peer.viewState(viewId))!.version).toBe(0n)
    expect(await patient.peer.view(viewId)).toEqual(clinicalLens.get(patientRecord()))
  })
})

describe('an unreachable proposer', () => {
  test('behavior: a transient refusal is logged once and retried with exponential backoff bounded by maxDelay (1 s, 2 s, 4 s, 4 s …); once the proposer is back the round completes', async () => {
    let down = false
    const { viewId, patient, doctor, fetches } = await clinicalView((hub) => transportFor(1, hub), { retry: { initialDelay: 1000, maxDelay: 4000 } })
    // The patient's requests to the doctor fail while `down`: replace the hub's delivery to the doctor.
    const hub = world.hub
    const send = hub.send.bind(hub)
    vi.spyOn(hub, 'send').mockImplementation(async (address, body, endpoint) => {
      if (down && address.toLowerCase() === doctor.account.address.toLowerCase() && endpoint !== 'info')
        throw new TransportError({ code: 'Unreachable', peer: address, message: 'no route to the proposer.' })
      return send(address, body, endpoint)
    })
    const start = Date.now()
    let elapsed = 0
    vi.spyOn(Date, 'now').mockImplementation(() => start + elapsed)
    await doctor.peer.update(viewId, addObservation('o2', 140))
    down = true
    const syncAt = async (ms: number) => {
      elapsed = ms
      await patient.peer.sync()
      return fetches()
    }
    expect(await syncAt(0)).toBe(1)
    expect(await syncAt(999)).toBe(1)
    expect(await syncAt(1000)).toBe(2) // 1 s after the first
    expect(await syncAt(2999)).toBe(2)
    expect(await syncAt(3000)).toBe(3) // 2 s after the second
    expect(await syncAt(6999)).toBe(3)
    expect(await syncAt(7000)).toBe(4) // 4 s after the third
    expect(await syncAt(11_000)).toBe(5) // capped at maxDelay: 4 s again
    const refusals = patient.peer.log.filter((e) => e.kind === 'refused')
    expect(refusals).toEqual([expect.objectContaining({ reason: 'PayloadUnavailable', final: false })])
    expect(patient.peer.log.some((e) => e.kind === 'cancelled')).toBe(false)
    down = false
    expect(await syncAt(15_000)).toBe(6)
    await settle([patient.peer, doctor.peer])
    expect((await patient.peer.viewState(viewId))!.version).toBe(1n)
    expect(await patient.peer.view(viewId)).toEqual(await doctor.peer.view(viewId as Hex))
  })
})
