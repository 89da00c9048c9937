/**
 * The peer engine's factory.
 *
 * @since 0.1.0
 */
import { defaultConfirmations } from './_internal/confirmations.js'
import { type Chain, createPublicClient, createWalletClient, getAddress, type Hex, http, type PublicClient, type Transport as ViemTransport, type WalletClient } from 'viem'
import { id, type Lens } from '../../lens/Lens.js'
import { applyPatch } from '../../lens/patch/applyPatch.js'
import { diff } from '../../lens/patch/diff.js'
import type { Patch } from '../../lens/patch/types.js'
import { project } from '../../lens/project.js'
import { translate } from '../../lens/translate.js'
import type { StoredRecord } from '../../storage/StorageAdapter.js'
import type { JsonValue } from '../../json/JsonValue.js'
import { coordinatorActions } from '../chain/decorators.js'
import type { CoordinatorLog } from '../chain/events.js'
import { PeerError } from './errors.js'
import {
  type Binding,
  type PeerContext,
  assertRecordUnlocked,
  bindingOf,
  jsonCopy,
  normalizeViewId,
  reach,
  readViewState,
  requireViewState,
  viewThrough,
} from './_internal/context.js'
import { handleFinished } from './_internal/finishRound.js'
import { handleProposed } from './_internal/handleProposed.js'
import { joinView } from './_internal/join.js'
import { assertCanWrite, changeMember, handlePermissionsChanged } from './_internal/membership.js'
import { payloadArchive } from './_internal/archive.js'
import { shareView } from './_internal/share.js'
import { createMutex } from './_internal/mutex.js'
import { propagate } from './_internal/propagate.js'
import { proposeRound } from './_internal/propose.js'
import { catchUpOpenRounds, reconcile } from './_internal/reconcile.js'
import { RoundBook } from './_internal/roundBook.js'
import { RoundWaiters } from './_internal/roundWaiters.js'
import { outcomeOnChain } from './_internal/outcomes.js'
import { viewHandleOf } from './_internal/viewHandle.js'
import { catchUpHeldViews, handleInPoll } from './_internal/isolate.js'
import { backoffOf } from './_internal/refusals.js'
import type { CreatePeerParameters, Peer, PeerViewState, ProposeResult, SyncResult } from './types.js'

/**
 * Creates a {@link Peer}: one participant of the lensync protocol.
 *
 * **When to use**
 * One per participant (patient, doctor, researcher…), each with its own account, storage and
 * transport. A restarted participant is a new `createPeer` on the same storage: bind its views again,
 * then `sync()` — staged rounds are reconciled with the chain and events resume from the stored cursor.
 *
 * **Details**
 * - Every operation of one peer runs one at a time (a mutex): `update`, `sync`, `shareView`, `joinView`.
 * - `update` refuses with `PeerError` `RoundOpen` while a round is staged over the record (locally) or
 *   open on the view (on chain), and with `StaleBase` when the view moved on; on a refusal by the
 *   contract the stage is discarded, so the caller can `sync()` and redo the edit (rebase).
 * - `sync` handles `UpdateProposed` (fetch the payload, check it against the event, apply it through
 *   this peer's lens — staged —, recompute the commitment from its own data and ack only when it equals
 *   the pending one; otherwise a `refused` log entry and no ack — and, on the view's controller, a
 *   `cancelRound` so the view is not blocked until the deadline), `RoundCompleted` (promote) and
 *   `RoundAborted` (discard), idempotently by `(txHash, logIndex)`; then reconciles staged rounds with
 *   the chain, relays collected signatures (relay mode) and propagates record changes to the other
 *   views over the record. Returns how much it did: loop until `{ events: 0, actions: 0 }` to settle.
 * - Chain calls go through the same binding applications use: `publicClient.extend(coordinatorActions({
 *   address: coordinator }))` for reads and the wallet client extended the same way for writes (sent
 *   from `account`), so the actions' typed errors and any client override apply to the engine too.
 * - `update` / `updateRecord` check this peer's WRITE permission (one `permissionsOf` read) before
 *   anything is translated or published: a read-only peer's edit never leaves the machine.
 * - Membership: `setMember` / `removeMember` (the view's controller; `NotController` otherwise). A peer
 *   that sees its own removal (`PeerPermissionsChanged` to 0) marks the view `revoked`, logs `revoked`
 *   and stops processing it.
 * - Snapshots and durable payloads: the transport's `setArchive` is pointed at this peer's storage. It
 *   answers round 0 of every view this peer holds with a snapshot of its current version (joiners start
 *   there), and later rounds with the newest 32 completed payloads this peer proposed (`published`),
 *   after the transport's retention or a restart.
 *
 * **Example** (a doctor updates a shared view)
 * ```ts
 * import type { Address, Hex, LocalAccount } from 'viem'
 * import { foundry } from 'viem/chains'
 * import type { Observation } from 'lensync'
 * import { createPeer, type Transport } from 'lensync/coordinator'
 * import { memoryStorage } from 'lensync/storage/memory'
 *
 * declare const account: LocalAccount, rpcUrl: string, coordinator: Address, transport: Transport
 * declare const viewId: Hex, observation: Observation
 * const doctor = createPeer({ account, rpcUrl, chain: foundry, coordinator, storage: memoryStorage(), transport })
 * await doctor.joinView({ viewId, recordId: 'clinical' })
 * const { round } = await doctor.update(viewId, [{ op: 'add', path: '/entry/-', value: { fullUrl: 'urn:uuid:o1', resource: observation } }])
 * await doctor.sync() // promotes once every peer has acked
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export function createPeer(parameters: CreatePeerParameters): Peer {
  const { account, storage, transport } = parameters
  const { publicClient, walletClient } = clientsOf(parameters)
  const coordinator = getAddress(parameters.coordinator)
  const chainId = publicClient.chain.id
  const ackMode = parameters.ackMode ?? 'direct'
  if (ackMode === 'relay' && parameters.ackChannel === undefined)
    throw new PeerError({ code: 'InvalidArgument', pointer: '/ackChannel', message: "ackMode 'relay' needs an ackChannel (e.g. inProcessAckChannel)." })
  const ttl = parameters.ttl ?? 3600
  if (!Number.isSafeInteger(ttl) || ttl < 1 || ttl >= 2 ** 32)
    throw new PeerError({ code: 'InvalidArgument', pointer: '/ttl', message: `ttl must be a positive uint32 number of seconds, got ${ttl}.` })
  const context: PeerContext = {
    account,
    address: account.address,
    chain: publicClient.extend(coordinatorActions({ address: coordinator })),
    wallet: walletClient.extend(coordinatorActions({ address: coordinator })),
    chainId,
    coordinator,
    storage,
    transport,
    ackMode,
    ackChannel: parameters.ackChannel,
    ttl,
    fromBlock: parameters.fromBlock ?? 0n,
    bindings: new Map(),
    log: [],
    onLog: parameters.onLog,
    book: new RoundBook(),
    waiters: new RoundWaiters(),
    backoff: backoffOf(parameters.retry),
    now: () => Date.now(),
    failures: [],
    failed: new Map(),
    faults: parameters.faults,
  }
  const cursorName = `lensync:${chainId}:${coordinator.toLowerCase()}`
  const polling = { confirmations: parameters.confirmations ?? defaultConfirmations(chainId), batchSize: parameters.batchSize ?? 1000n }
  const events = context.chain.createEventCursor({
    load: () => storage.getCursor(cursorName),
    save: (c: { blockNumber: bigint; logIndex: number }) => {
      reach(context, 'cursor:advance')
      return storage.setCursor(cursorName, c)
    },
    ...polling,
    fromBlock: parameters.fromBlock ?? 0n,
  })
  const exclusive = createMutex()
  // Snapshots of the views this peer holds, and the last rounds it proposed, served from its storage.
  transport.setArchive?.(payloadArchive(context))

  const bind = <S, V>(viewId: Hex, recordId: string, lens: Lens<S, V>): void => {
    const key = normalizeViewId(viewId)
    const binding: Binding = { viewId: key, recordId, lens: lens as unknown as Lens<unknown, unknown> }
    context.bindings.set(key, binding)
  }

  async function handleLog(log: CoordinatorLog): Promise<number> {
    // Events of views this peer does not hold need no handling (and no mark).
    if (!('viewId' in log.args) || !context.bindings.has(normalizeViewId(log.args.viewId))) return 0
    const key = { txHash: log.transactionHash, logIndex: log.logIndex }
    if (await storage.isProcessed(key)) return 0
    // A view this peer was removed from is no longer processed.
    if ((await readViewState(storage, log.args.viewId))?.revoked === true) return 0
    switch (log.eventName) {
      case 'PeerPermissionsChanged':
        return handlePermissionsChanged(context, log.args, key)
      case 'UpdateProposed':
        return handleProposed(context, log.args, key)
      case 'RoundCompleted':
        return handleFinished(context, { viewId: log.args.viewId, round: log.args.round, completed: { version: log.args.version, commitment: log.args.commitment } }, key)
      case 'RoundAborted':
        return handleFinished(context, { viewId: log.args.viewId, round: log.args.round, aborted: { reason: log.args.reason, txHash: log.transactionHash } }, key)
      default:
        return 0
    }
  }

  async function syncOnce(): Promise<SyncResult> {
    context.failures.length = 0
    let actions = 0
    // A view whose event cannot be handled is held back from it (and reported); the cursor goes on
    // for the others, and the held view reads its events again from there.
    const handled = await events.poll(async (log) => {
      actions += await handleInPoll(context, log, handleLog)
    })
    actions += await catchUpHeldViews(context, polling, handleLog)
    actions += await reconcile(context)
    actions += await catchUpOpenRounds(context)
    actions += await propagate(context)
    return { events: handled, actions, failures: [...context.failures] }
  }

  /** The record a bound view reads, or `RecordNotFound`. */
  async function recordBehind(viewId: Hex, binding: Binding) {
    const stored = await storage.getRecord(binding.recordId)
    if (stored === undefined) throw new PeerError({ code: 'RecordNotFound', viewId, recordId: binding.recordId, message: 'the record behind this view is missing locally.' })
    return stored
  }

  async function updateView(viewId: Hex, edit: Patch | ((view: JsonValue) => JsonValue)): Promise<ProposeResult> {
    const binding = bindingOf(context, viewId)
    const state = await requireViewState(storage, viewId)
    await assertRecordUnlocked(context, binding.recordId, binding.viewId)
    // A read-only (or removed) peer's edit never leaves the machine.
    await assertCanWrite(context, binding.viewId, state)
    const stored = await recordBehind(viewId, binding)
    const current = viewThrough(binding.lens, stored.data)
    const patch = typeof edit === 'function' ? diff(current, edit(jsonCopy(current))) : edit
    if (patch.length === 0) throw new PeerError({ code: 'InvalidArgument', pointer: '/edit', viewId, message: 'the edit changes nothing; no round to open.' })
    return proposeEdit(binding, state, stored, translate(binding.lens, stored.data, patch), patch)
  }

  /** Opens a round that writes `recordPatch` to the record behind `binding` and sends `viewPatch` to its peers. */
  function proposeEdit(binding: Binding, state: PeerViewState, stored: StoredRecord, recordPatch: Patch, viewPatch: Patch): Promise<ProposeResult> {
    const next = applyPatch(stored.data, recordPatch) as JsonValue
    return proposeRound(context, {
      viewId: binding.viewId,
      state,
      writes: [{ recordId: binding.recordId, baseVersion: stored.version, data: next }],
      patch: viewPatch,
      recordPatch,
      view: viewThrough(binding.lens, next),
    })
  }

  let loop: { timer: ReturnType<typeof setTimeout> | undefined; stopped: boolean; running: Promise<unknown> } | undefined

  const peer: Peer = {
    address: account.address,
    storage,
    log: context.log,
    bind,

    putRecord: (recordId, data) =>
      exclusive(async () => {
        await assertRecordUnlocked(context, recordId)
        const bound = [...context.bindings.values()].find((b) => b.recordId === recordId)
        if (bound !== undefined)
          throw new PeerError({
            code: 'InvalidArgument',
            recordId,
            viewId: bound.viewId,
            message: 'views are bound to this record; change it with updateRecord() so they follow.',
          })
        const existing = await storage.getRecord(recordId)
        return storage.putRecord(recordId, data, { expectedVersion: existing?.version ?? null })
      }),

    shareView: (p) =>
      exclusive(async () => {
        const lens = p.lens as unknown as Lens<unknown, unknown>
        const result = await shareView(context, { ...p, lens })
        bind(result.viewId, p.recordId, lens)
        return result
      }),

    joinView: (p) =>
      exclusive(async () => {
        const lens = (p.lens ?? id()) as unknown as Lens<unknown, unknown>
        await joinView(context, { viewId: p.viewId, recordId: p.recordId, lens, from: p.from, definitionHash: p.definitionHash })
        bind(p.viewId, p.recordId, lens)
      }),

    setMember: (viewId, member) => exclusive(() => changeMember(context, viewId, { kind: 'set', member })),

    removeMember: (viewId, address) => exclusive(() => changeMember(context, viewId, { kind: 'remove', address })),

    update: (viewId, edit) => exclusive(() => updateView(viewId, edit)),

    updateRecord: (recordId, patch) =>
      exclusive(async () => {
        await assertRecordUnlocked(context, recordId)
        const stored = await storage.getRecord(recordId)
        if (stored === undefined) throw new PeerError({ code: 'RecordNotFound', recordId, message: 'no such record; putRecord() it first.' })
        for (const binding of context.bindings.values()) {
          if (binding.recordId !== recordId) continue
          const viewPatch = project(binding.lens, stored.data, patch)
          if (viewPatch.length === 0) continue
          // The first affected view carries the record write; the others follow by propagation.
          const state = await requireViewState(storage, binding.viewId)
          await assertCanWrite(context, binding.viewId, state)
          return proposeEdit(binding, state, stored, patch, viewPatch)
        }
        await storage.putRecord(recordId, applyPatch(stored.data, patch), { expectedVersion: stored.version })
        return undefined
      }),

    sync: () => exclusive(syncOnce),

    start(options = {}) {
      if (loop !== undefined && !loop.stopped) return
      const interval = options.interval ?? 1000
      const state: NonNullable<typeof loop> = { timer: undefined, stopped: false, running: Promise.resolve() }
      const tick = () => {
        state.running = peer
          .sync()
          .catch((error: unknown) => options.onError?.(error))
          .finally(() => {
            if (!state.stopped) state.timer = setTimeout(tick, interval)
          })
      }
      loop = state
      tick()
    },

    async stop() {
      if (loop === undefined) return
      loop.stopped = true
      if (loop.timer !== undefined) clearTimeout(loop.timer)
      await loop.running
    },

    async waitForRound(viewId, round, options = {}) {
      const { timeoutMs } = options
      if (timeoutMs !== undefined && (!Number.isSafeInteger(timeoutMs) || timeoutMs < 0 || timeoutMs > MAX_TIMEOUT))
        throw new PeerError({ code: 'InvalidArgument', pointer: '/timeoutMs', viewId, round, message: `timeoutMs must be a whole number of milliseconds from 0 to ${MAX_TIMEOUT}, got ${timeoutMs}.` })
      const key = bindingOf(context, viewId).viewId
      // Registered before the chain is read: a close seen by a sync in between settles this wait.
      const waiting = context.waiters.wait(key, round, timeoutMs)
      // A timeout or close during the chain read below rejects `waiting` before the caller holds it.
      waiting.catch(() => undefined)
      if (!context.waiters.closed) {
        // When the chain cannot be read now, the round's closing event still settles the wait.
        const closed = await outcomeOnChain(context, key, round).catch(() => undefined)
        if (closed !== undefined) context.waiters.settle(key, round, closed)
      }
      return waiting
    },

    viewHandle: (viewId, lens) => viewHandleOf(context, peer, viewId, lens),

    async close() {
      await peer.stop()
      context.waiters.close()
    },

    async view(viewId) {
      const binding = bindingOf(context, viewId)
      const stored = await recordBehind(viewId, binding)
      return viewThrough(binding.lens, stored.data)
    },

    async record(recordId) {
      return (await storage.getRecord(recordId))?.data
    },

    viewState: (viewId) => readViewState(storage, viewId),

    history: (viewId) => context.chain.getHistory({ viewId: normalizeViewId(viewId), fromBlock: context.fromBlock }),
  }
  return peer
}

/** The longest `timeoutMs` of `waitForRound`: the largest delay `setTimeout` honours (2^31 − 1 ms). */
const MAX_TIMEOUT = 2 ** 31 - 1

/** The clients given, or made from `rpcUrl` and `chain`. */
function clientsOf(parameters: CreatePeerParameters): {
  publicClient: PublicClient<ViemTransport, Chain>
  walletClient: WalletClient<ViemTransport, Chain>
} {
  const { publicClient, walletClient, rpcUrl, chain, account } = parameters
  if (publicClient !== undefined && walletClient !== undefined) return { publicClient, walletClient }
  if (rpcUrl === undefined || chain === undefined)
    throw new PeerError({
      code: 'InvalidArgument',
      pointer: rpcUrl === undefined ? '/rpcUrl' : '/chain',
      message: 'give both publicClient and walletClient, or rpcUrl and chain.',
    })
  const transport = http(rpcUrl)
  const pollingInterval = parameters.pollingInterval ?? 250
  return {
    publicClient: publicClient ?? (createPublicClient({ chain, transport, pollingInterval }) as PublicClient<ViemTransport, Chain>),
    walletClient: walletClient ?? createWalletClient({ account, chain, transport, pollingInterval }),
  }
}
