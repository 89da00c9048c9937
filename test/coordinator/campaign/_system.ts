/**
 * The real system the campaign drives: a patient (controller, owner of the record), a doctor (WRITE
 * on the clinical view) and a researcher (READ on the de-identified view), on the shared anvil, each
 * peer over a store of one storage kind. Crashes are injected through the engine's `faults` hook: the
 * peer that reaches the planned point throws `InjectedFault` and is restarted over the same store.
 */
import { type Hex, type LocalAccount, type WalletClient, createWalletClient, http } from 'viem'
import { foundry } from 'viem/chains'
import { id } from 'lensync/lens'
import {
  type FaultHook,
  type FaultPoint,
  InjectedFault,
  chainRoster,
  inProcessAckChannel,
  type ViewRoster,
  inProcessTransport,
  isInjectedFault,
  getView,
  isPeerError,
  type Peer,
  type PeerErrorCode,
  type SyncResult,
  type TransportHub,
} from 'lensync/coordinator'
import type { StagedRound } from 'lensync/storage/StorageAdapter'
import { cast } from '../integration/_cast.js'
import type { PeerHandle, World } from '../integration/_harness.js'
import { clinicalLens, researchLens } from '../../_helpers/fixtures.js'
import type { Store, StorageKind } from './_storageKinds.js'

export type Who = 'patient' | 'doctor' | 'researcher'
export const everyone: readonly Who[] = ['patient', 'doctor', 'researcher']
const indexOf: Record<Who, number> = { patient: 0, doctor: 1, researcher: 2 }

/** Refusals an honest peer may meet in normal operation (the command then does nothing). */
const expectedRefusals: readonly PeerErrorCode[] = ['RoundOpen', 'StaleBase', 'MissingPermission', 'NotMember', 'ProposerBenched']

/** What the doctor's next round payloads get wrong, and the final refusal an honest fetcher logs for it. */
export const hostilities = {
  /** Served with a flipped ciphertext byte: it does not open. */
  tampered: 'PayloadInvalid',
  /** Signed by the researcher's key: the signature sealed in the payload does not recover to the doctor. */
  wronglySigned: 'BadSignature',
  /** Served padded above every peer's `maxResponseBytes`. */
  oversized: 'PayloadTooLarge',
  /** Sealed with an empty signature (malformed: `/payload/signature`). */
  unsigned: 'PayloadInvalid',
} as const

export type Hostility = keyof typeof hostilities

/** Every peer's transport limit on a fetched answer (small, so an oversized answer is cheap to build). */
export const maxResponseBytes = 64 * 1024

/** Options of one system. */
export interface SystemOptions {
  readonly ackMode: 'direct' | 'relay'
  /** Changes a peer's store (the self-tests plug broken engines in here). */
  readonly wrapStorage?: ((who: Who, store: Store) => Store) | undefined
  /** Blocks each peer waits before acting on an event (0 unless given). */
  readonly confirmations?: Partial<Record<Who, number>> | undefined
}

/** A crash the campaign planned and the peer that reached it. */
export interface Crash {
  readonly who: Who
  readonly point: FaultPoint
}

/** The network of one system (every restart joins it again). */
interface Hubs {
  readonly hub: TransportHub
  readonly ackHub: TransportHub
  readonly roster: ViewRoster
}

export class System {
  readonly crashes: Crash[] = []
  /** The crash planned next, by `who` (any peer when absent); cleared once it happens. */
  plan: { readonly who?: Who | undefined; readonly point: FaultPoint } | undefined
  /** What the payloads served by `hostile` get wrong while set. */
  hostility: Hostility | undefined
  /** Who serves hostile payloads (`tampered`, `oversized`) while `hostility` is set. */
  hostile: Who = 'doctor'
  /** The doctor's payloads cannot be fetched (a delayed delivery). */
  offline = false
  /** Broken invariants seen while driving (e.g. staged data lost across a restart). */
  readonly violations: string[] = []
  private nextObservation = 1

  private constructor(
    readonly world: World,
    private readonly hubs: Hubs,
    readonly kind: StorageKind,
    readonly options: SystemOptions,
    readonly handles: Record<Who, PeerHandle>,
    readonly stores: Record<Who, Store>,
    readonly clinical: Hex,
    readonly research: Hex,
  ) {}

  static async create(world: World, kind: StorageKind, options: SystemOptions): Promise<System> {
    const stores = {} as Record<Who, Store>
    for (const who of everyone) stores[who] = options.wrapStorage?.(who, kind.open()) ?? kind.open()
    const box: { system?: System } = {}
    const faults = (who: Who): FaultHook => (point, site) => box.system?.reach(who, point, site)
    world.freshHubs()
    // A roster of its own: after an anvil revert the shared one would wait for blocks it already read.
    const roster = chainRoster(world.publicClient, { coordinator: world.coordinator, fromBlock: world.deployBlock })
    const hubs: Hubs = { hub: world.hub, ackHub: world.ackHub, roster }
    const handles = {} as Record<Who, PeerHandle>
    for (const who of everyone) handles[who] = System.peer(world, hubs, who, stores[who], options, faults(who), () => box.system)
    const c = await cast(world, {}, handles)
    const system = new System(world, hubs, kind, options, handles, stores, c.clinical, c.research)
    box.system = system
    return system
  }

  private static peer(world: World, hubs: Hubs, who: Who, store: Store, options: SystemOptions, faults: FaultHook, system: () => System | undefined): PeerHandle {
    const account = world.accounts[indexOf[who]]!
    const hub = hostileHub(hubs.hub, who, system)
    const where = { chainId: foundry.id, coordinator: world.coordinator, roster: hubs.roster }
    const signer = who === 'doctor' ? forgingAccount(account, world.accounts[indexOf.researcher]!, system) : account
    const transport = inProcessTransport(hub, { account: signer, ...where, maxResponseBytes })
    const ackChannel = inProcessAckChannel(hubs.ackHub, { address: account.address, ...where })
    return world.peer(indexOf[who], { storage: store.storage, transport, ackChannel, ackMode: options.ackMode, confirmations: options.confirmations?.[who], faults, retry: { initialDelay: 0, maxDelay: 0 } })
  }

  /** The hub the peers' ack channels listen on (relay-mode signatures). */
  get ackHub(): TransportHub {
    return this.hubs.ackHub
  }

  get peers(): Peer[] {
    return everyone.map((who) => this.handles[who].peer)
  }

  /** The views `who` holds, with the lens the view shows of the owner's record. */
  holdings(who: Who): readonly { viewId: Hex; lens: typeof clinicalLens }[] {
    if (who === 'patient')
      return [
        { viewId: this.clinical, lens: clinicalLens },
        { viewId: this.research, lens: researchLens },
      ]
    return who === 'doctor' ? [{ viewId: this.clinical, lens: clinicalLens }] : [{ viewId: this.research, lens: researchLens }]
  }

  /** A wallet client of `who`, for what the campaign sends to the contract past the engine. */
  wallet(who: Who): WalletClient {
    return createWalletClient({ account: this.handles[who].account, chain: foundry, transport: http(this.world.anvil.rpcUrl) })
  }

  /** A fresh observation id of this sequence (deterministic: sequences replay exactly). */
  observationId(): string {
    return `c${this.nextObservation++}`
  }

  /** The fault hook of `who`: throws at the planned point. */
  reach(who: Who, point: FaultPoint, site: { viewId?: Hex | undefined; round?: bigint | undefined }): void {
    if (this.plan === undefined || (this.plan.who !== undefined && this.plan.who !== who) || this.plan.point !== point) return
    this.plan = undefined
    this.crashes.push({ who, point })
    throw new InjectedFault({ point, site })
  }

  /**
   * Runs `op` on `who`'s peer: an injected crash restarts the peer over the same store; an expected
   * refusal (`RoundOpen`, `StaleBase`, …) counts as nothing done. Anything else is a failure.
   */
  async run<T>(who: Who, op: (peer: Peer) => Promise<T>): Promise<T | undefined> {
    try {
      return await op(this.handles[who].peer)
    } catch (error) {
      if (isInjectedFault(error)) {
        await this.restart(who)
        return undefined
      }
      // `ProposerBenched`: the fairness rule (a proposer whose round was refused or expired waits out its bench).
      if (expectedRefusals.some((code) => isPeerError(error, code))) return undefined
      throw error
    }
  }

  /** Restarts `who` over a new adapter on the same data; what it staged must still be staged. */
  async restart(who: Who): Promise<void> {
    const before = await this.stores[who].storage.listStaged()
    await this.handles[who].close()
    const store = this.stores[who].reopen()
    this.stores[who] = this.options.wrapStorage?.(who, store) ?? store
    this.handles[who] = System.peer(this.world, this.hubs, who, this.stores[who], this.options, (point, site) => this.reach(who, point, site), () => this)
    const peer = this.handles[who].peer
    if (who === 'patient') {
      peer.bind(this.clinical, 'record', clinicalLens)
      peer.bind(this.research, 'record', researchLens)
    } else if (who === 'doctor') peer.bind(this.clinical, 'clinical', id())
    else peer.bind(this.research, 'research', id())
    const after = await this.stores[who].storage.listStaged()
    if (!sameStaged(before, after)) this.violations.push(`${who}: staged rounds lost across a restart (${before.length} before, ${after.length} after)`)
  }

  /** Syncs every peer until a whole pass does nothing (crashes restart the peer and count as work). */
  async settle(maxPasses = 40): Promise<void> {
    for (let pass = 0; pass < maxPasses; pass++) {
      let busy = false
      for (const who of everyone) {
        const result: SyncResult | undefined = await this.run(who, (peer) => peer.sync())
        if (result === undefined || result.events > 0 || result.actions > 0 || result.failures.length > 0) busy = true
      }
      if (!busy) return
    }
    this.violations.push(`the peers were still busy after ${maxPasses} passes`)
  }

  /**
   * Settles; when a round is still open (nobody staged it, e.g. its proposer crashed between the
   * proposal and its stage, or a member never acks), lets the chain's clock pass the liveness bound
   * (the round's deadline and the controller's grace window) and settles again.
   */
  async settleFully(): Promise<void> {
    this.plan = undefined
    await this.settle()
    for (const viewId of [this.clinical, this.research]) {
      const view = await getView(this.world.publicClient, { address: this.world.coordinator, viewId })
      if (!view.roundOpen) continue
      const now = (await this.world.publicClient.getBlock()).timestamp
      if (now > view.deadline + BigInt(view.grace)) this.violations.push(`round ${view.round} of ${viewId} is open past its deadline and grace window`)
      await this.expire()
      await this.settle()
      return
    }
  }

  /** Moves the chain's clock past the open round's deadline and the controller's grace window. */
  async expire(): Promise<void> {
    await this.world.testClient.increaseTime({ seconds: 3600 * 24 * 8 })
    await this.world.testClient.mine({ blocks: 1 })
  }

  async close(): Promise<void> {
    for (const who of everyone) await this.handles[who].close()
  }
}

/** Same staged rounds (view, round, meta, writes). */
function sameStaged(a: readonly StagedRound[], b: readonly StagedRound[]): boolean {
  const key = (s: StagedRound) => JSON.stringify([s.viewId, String(s.round), s.meta, s.writes])
  return JSON.stringify(a.map(key).sort()) === JSON.stringify(b.map(key).sort())
}

/** `account`, whose round payloads are signed by `forger` while `wronglySigned`, and not at all while `unsigned`. */
function forgingAccount(account: LocalAccount, forger: LocalAccount, system: () => System | undefined): LocalAccount {
  const signTypedData: LocalAccount['signTypedData'] = async (p) => {
    const hostility = (p as { primaryType?: string }).primaryType === 'RoundPayload' ? system()?.hostility : undefined
    if (hostility === 'wronglySigned') return forger.signTypedData(p)
    if (hostility === 'unsigned') return '0x'
    return account.signTypedData(p)
  }
  return { ...account, signTypedData } as LocalAccount
}

/** The hub of `who`: its fetch answers are tampered with or padded while it is the hostile one; the doctor's are refused while `offline`. */
function hostileHub(hub: TransportHub, who: Who, system: () => System | undefined): TransportHub {
  return {
    listen: (address, handler) =>
      hub.listen(address, async (body, endpoint) => {
        const s = system()
        if (endpoint === 'fetch' && who === 'doctor' && s?.offline === true) return { status: 503, body: '{"error":"offline"}' }
        const response = await handler(body, endpoint)
        if (endpoint !== 'fetch' || response.status !== 200 || s?.hostile !== who) return response
        const answer = JSON.parse(response.body) as { payload?: { ciphertext?: string }; padding?: string }
        const c = answer.payload?.ciphertext
        if (c === undefined) return response
        if (s?.hostility === 'tampered') answer.payload!.ciphertext = `${c.slice(0, 10)}${c[10] === 'A' ? 'B' : 'A'}${c.slice(11)}`
        else if (s?.hostility === 'oversized') answer.padding = 'x'.repeat(maxResponseBytes)
        else return response
        return { status: 200, body: JSON.stringify(answer) }
      }),
    send: (address, body, endpoint) => hub.send(address, body, endpoint),
    get addresses() {
      return hub.addresses
    },
  }
}
