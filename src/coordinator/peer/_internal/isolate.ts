/**
 * Failures isolated per view: one view that cannot be handled neither stops nor delays the others. @internal
 */
import type { Hex } from 'viem'
import type { CoordinatorLog } from '../../chain/events.js'
import { PeerError } from '../errors.js'
import { type PeerContext, firstLine, normalizeViewId, note, readViewState, rethrowFault, writeViewState } from './context.js'

/**
 * Reports that `viewId` could not be handled: a `PeerError` `ViewFailed` (with `error` as `cause`) in
 * the running sync's failures, once per view and sync, and a `failed` log entry, once per view and
 * distinct message until the view is handled again. Returns the error. @internal
 */
export function reportFailure(context: PeerContext, viewId: Hex, round: bigint | undefined, error: unknown): PeerError {
  const key = normalizeViewId(viewId)
  const message = firstLine(error)
  const failure = new PeerError({
    code: 'ViewFailed',
    viewId: key,
    round,
    message: `this view could not be handled (${message}); the other views went on, and this one is tried again from where it failed by the next sync().`,
    cause: error,
  })
  if (!context.failures.some((f) => f.viewId === key)) context.failures.push(failure)
  if (context.failed.get(key) !== message) {
    context.failed.set(key, message)
    note(context, { kind: 'failed', viewId: key, round: round ?? 0n, reason: 'ViewFailed', message })
  }
  return failure
}

/** Runs one view's `work`; a failure is reported ({@link reportFailure}) and counts as no action. @internal */
export async function isolated(context: PeerContext, viewId: Hex, round: bigint | undefined, work: () => Promise<number>): Promise<number> {
  try {
    return await work()
  } catch (error) {
    rethrowFault(error)
    reportFailure(context, viewId, round, error)
    return 0
  }
}

/** The view a log belongs to, when the log names one. @internal */
export const viewOfLog = (log: CoordinatorLog): Hex | undefined => ('viewId' in log.args ? normalizeViewId(log.args.viewId) : undefined)

/** The round a log names, when it names one. @internal */
export const roundOfLog = (log: CoordinatorLog): bigint | undefined => ('round' in log.args && typeof log.args.round === 'bigint' ? log.args.round : undefined)

/**
 * Handles a log of the main event poll: a view held back ({@link holdView}) is skipped (its events are
 * read again by {@link catchUpHeldViews}); a failure holds the view from the log's block and is
 * reported, and the poll goes on with the other views. A view without state cannot be held: its
 * failure stops the poll, as before any view existed. @internal
 */
export async function handleInPoll(context: PeerContext, log: CoordinatorLog, handle: (log: CoordinatorLog) => Promise<number>): Promise<number> {
  const viewId = viewOfLog(log)
  if (viewId === undefined || !context.bindings.has(viewId)) return handle(log)
  const state = await readViewState(context.storage, viewId)
  if (state?.heldFrom !== undefined) return 0
  try {
    return await handle(log)
  } catch (error) {
    rethrowFault(error)
    if (state === undefined) throw error
    await holdView(context, viewId, log.blockNumber)
    reportFailure(context, viewId, roundOfLog(log), error)
    return 0
  }
}

/** Holds `viewId` back from `blockNumber`: its events from there are handled by {@link catchUpHeldViews}. @internal */
export async function holdView(context: PeerContext, viewId: Hex, blockNumber: bigint): Promise<void> {
  const state = await readViewState(context.storage, viewId)
  if (state === undefined) return
  await writeViewState(context.storage, viewId, { ...state, heldFrom: blockNumber })
}

/**
 * For every bound view held back: reads its events again from `heldFrom` (a poller filtered on the
 * view) and handles them in order with `handle`, moving `heldFrom` along; clears the hold once they are
 * all handled. A failure leaves the view held at the failing event and is reported. Logs handled
 * before (idempotent by `(txHash, logIndex)`) are skipped by `handle`. Returns the number of actions. @internal
 */
export async function catchUpHeldViews(
  context: PeerContext,
  options: { readonly confirmations: number; readonly batchSize: bigint },
  handle: (log: CoordinatorLog) => Promise<number>,
): Promise<number> {
  let actions = 0
  for (const binding of context.bindings.values()) {
    const { viewId } = binding
    const state = await readViewState(context.storage, viewId)
    if (state?.heldFrom === undefined) continue
    let round: bigint | undefined
    const poller = context.chain.createEventCursor({
      viewId,
      fromBlock: state.heldFrom,
      load: async () => undefined,
      save: async ({ blockNumber }) => holdView(context, viewId, blockNumber),
      confirmations: options.confirmations,
      batchSize: options.batchSize,
    })
    try {
      await poller.poll(async (log) => {
        round = roundOfLog(log)
        actions += await handle(log)
      })
      const now = await readViewState(context.storage, viewId)
      if (now !== undefined) {
        const { heldFrom: _released, ...rest } = now
        await writeViewState(context.storage, viewId, rest)
      }
      context.failed.delete(viewId)
    } catch (error) {
      rethrowFault(error)
      reportFailure(context, viewId, round, error)
    }
  }
  return actions
}
