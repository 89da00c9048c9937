/**
 * The state shared by the parts of one peer. @internal
 */
import { getAddress, type Address, type Chain, type Hex, type LocalAccount, type PublicClient, type Transport as ViemTransport } from 'viem'
import type { Lens } from '../../../lens/Lens.js'
import type { StagedRound, StorageAdapter, StorageOperations } from '../../../storage/StorageAdapter.js'
import type { JsonValue } from '../../../json/JsonValue.js'
import type { CoordinatorActions } from '../../chain/decorators.js'
import type { AckChannel } from '../../transport/ackChannel.js'
import type { Transport } from '../../transport/types.js'
import { CoordinatorError } from '../../chain/errors.js'
import { PeerError, type PeerErrorCode } from '../errors.js'
import type { PeerLogEntry, PeerViewState } from '../types.js'
import { type RoundMeta, decodeRoundMeta, decodeViewState, encodeViewState } from './codec.js'
import type { RoundBook } from './roundBook.js'
import type { RoundWaiters } from './roundWaiters.js'
import type { Backoff } from './refusals.js'
import { type FaultHook, type FaultPoint, type FaultSite, isInjectedFault } from '../faults.js'

/** A registered binding. @internal */
export interface Binding {
  readonly viewId: Hex
  readonly recordId: string
  readonly lens: Lens<unknown, unknown>
}

/** Everything the engine's parts share. @internal */
export interface PeerContext {
  readonly account: LocalAccount
  readonly address: Address
  /** The peer's public client with the coordinator bound: `publicClient.extend(coordinatorActions({ address }))`. */
  readonly chain: CoordinatorActions & Pick<PublicClient<ViemTransport, Chain>, 'getBlock' | 'getCode' | 'getTransaction'>
  /** The peer's wallet client with the coordinator bound; every write passes `account`. */
  readonly wallet: CoordinatorActions
  readonly chainId: number
  readonly coordinator: Address
  readonly storage: StorageAdapter
  readonly transport: Transport
  readonly ackMode: 'direct' | 'relay'
  readonly ackChannel: AckChannel | undefined
  readonly ttl: number
  /** First block of the contract's events (history reads start here). */
  readonly fromBlock: bigint
  readonly bindings: Map<Hex, Binding>
  readonly log: PeerLogEntry[]
  readonly onLog: ((entry: PeerLogEntry) => void) | undefined
  /** What this process already did for each open round. */
  readonly book: RoundBook
  /** The callers waiting for the outcome of a round (`waitForRound`). */
  readonly waiters: RoundWaiters
  /** When transiently refused rounds are tried again. */
  readonly backoff: Backoff
  /** The clock of the backoff (ms since the epoch). */
  readonly now: () => number
  /** The views the running `sync()` could not handle (reset by each sync). */
  readonly failures: PeerError[]
  /** The last failure message logged per view (each is logged once until the view is handled again). */
  readonly failed: Map<Hex, string>
  /** The test hook called before each await point of a round (`undefined` outside tests). */
  readonly faults: FaultHook | undefined
}

/** The WRITE permission bit of the coordinator (`READ = 1`). @internal */
export const WRITE = 2

/** READ | WRITE: every permission bit. @internal */
export const READ_WRITE = 3

/** The canonical spelling of a viewId (viem's: lowercase). @internal */
export const normalizeViewId = (viewId: Hex): Hex => viewId.toLowerCase() as Hex

/** Reaches a fault point: calls the test hook, which may throw an `InjectedFault`. @internal */
export function reach(context: PeerContext, point: FaultPoint, site: FaultSite = {}): void {
  if (context.faults !== undefined) context.faults(point, site)
}

/** Rethrows an `InjectedFault` (a simulated crash is never swallowed by error isolation). @internal */
export function rethrowFault(error: unknown): void {
  if (isInjectedFault(error)) throw error
}

/** Adds a log entry. @internal */
export function note(context: PeerContext, entry: PeerLogEntry): void {
  context.log.push(entry)
  context.onLog?.(entry)
}

/** The binding of a view, or `NotBound`. @internal */
export function bindingOf(context: PeerContext, viewId: Hex): Binding {
  const binding = context.bindings.get(normalizeViewId(viewId))
  if (binding === undefined)
    throw new PeerError({ code: 'NotBound', viewId, message: 'no lens is bound to this view; call bind(), shareView() or joinView() first.' })
  return binding
}

/** Reads a view's state. @internal */
export async function readViewState(ops: StorageOperations, viewId: Hex): Promise<PeerViewState | undefined> {
  const stored = await ops.getViewState(normalizeViewId(viewId))
  return stored === undefined || stored === null ? undefined : decodeViewState(stored)
}

/** Writes a view's state. @internal */
export async function writeViewState(ops: StorageOperations, viewId: Hex, state: PeerViewState): Promise<void> {
  await ops.setViewState(normalizeViewId(viewId), encodeViewState(state))
}

/** Reads a view's state, or `NotJoined`. @internal */
export async function requireViewState(ops: StorageOperations, viewId: Hex): Promise<PeerViewState> {
  const state = await readViewState(ops, viewId)
  if (state === undefined) throw new PeerError({ code: 'NotJoined', viewId, message: 'this peer holds no state for the view; joinView() or shareView() first.' })
  return state
}

/** The meta of a staged round. @internal */
export const metaOf = (staged: StagedRound): RoundMeta => decodeRoundMeta(staged.meta)

/** Staged rounds of views bound to `recordId` (the record's locks). @internal */
export async function stagedOnRecord(context: PeerContext, ops: StorageOperations, recordId: string): Promise<StagedRound[]> {
  const staged = await ops.listStaged()
  return staged.filter((s) => {
    const binding = context.bindings.get(normalizeViewId(s.viewId as Hex))
    return (binding !== undefined && binding.recordId === recordId) || s.writes.some((w) => w.recordId === recordId)
  })
}

/** Throws `RoundOpen` when a round is staged on a view over `recordId`. @internal */
export async function assertRecordUnlocked(context: PeerContext, recordId: string, viewId?: Hex): Promise<void> {
  const locks = await stagedOnRecord(context, context.storage, recordId)
  if (locks.length > 0) {
    const lock = locks[0]!
    throw new PeerError({
      code: 'RoundOpen',
      viewId: viewId ?? (lock.viewId as Hex),
      recordId,
      round: lock.round,
      message: `round ${lock.round} of view ${lock.viewId} is staged over this record; local writes wait until it completes or aborts (sync, then retry).`,
    })
  }
}

/** A fresh JSON copy. @internal */
export const jsonCopy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T))

/** The view `lens` shows of `data`, as a fresh JSON copy. @internal */
export const viewThrough = (lens: Lens<unknown, unknown>, data: unknown): JsonValue => jsonCopy(lens.get(data)) as JsonValue

/** Same address. @internal */
export const sameAddress = (a: string, b: string): boolean => getAddress(a) === getAddress(b)

/**
 * The `PeerError` for a contract refusal: the revert's name (a {@link CoordinatorError}) through
 * `codes`, else `ChainError`; `describe` words the message (and pointer) for the code. @internal
 */
export function refusedByChain(
  error: unknown,
  codes: Partial<Record<string, PeerErrorCode>>,
  where: { readonly viewId: Hex; readonly round?: bigint | undefined },
  describe: (code: PeerErrorCode, name: string | undefined) => { readonly message: string; readonly pointer?: string | undefined },
): PeerError {
  const name = error instanceof CoordinatorError ? error.errorName : undefined
  const code = (name && codes[name]) || 'ChainError'
  return new PeerError({ code, source: 'chain', ...where, ...describe(code, name), cause: error })
}

/** The first line of an error's message (for log entries). @internal */
export const firstLine = (error: unknown): string => String((error as Error).message.split('\n')[0])
