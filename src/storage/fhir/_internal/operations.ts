/**
 * {@link StorageOperations} over a FHIR server and a side store: records are read from and written
 * to the server; staged rounds, view state, cursors, processed events and compartment layouts live
 * in the side store. Record writes are collected per transaction ({@link Pending}) and sent when it
 * commits, before the side store commits.
 *
 * @internal
 */
import { randomUUID } from 'node:crypto'
import { deepEqual } from '../../../json/equal.js'
import type { JsonValue } from '../../../json/JsonValue.js'
import { checkExpectedVersion, checkId, checkRound, checkStage, fromJsonText, toJsonText } from '../../_internal/json.js'
import { StorageError } from '../../errors.js'
import type { StagedRound, StagedWrite, StorageOperations } from '../../StorageAdapter.js'
import { FhirServerError } from '../FhirServerError.js'
import { type FhirClient, versionIdOf } from './client.js'
import { type Current, type Discovery, holds, layoutKey, markRound, outsideOf, type Plan, parseRecordId, plan, readCurrent, type Seen, seenKey, sourceOf } from './records.js'
import { rebase } from './rebase.js'

/** A record write waiting for its transaction to commit. @internal */
export interface PendingWrite {
  readonly plan: Plan
  readonly data: JsonValue
  /** What `getRecord` reports inside the transaction until the server assigns the real version. */
  readonly version: string
  /** The version the write was checked against (for conflict reports). */
  readonly expected: string | null
  readonly current: Current
  /** Promotions: a resource already holding its new content counts as written (replay after a crash). */
  readonly idempotent: boolean
}

/** @internal */
export interface Context {
  readonly side: StorageOperations
  readonly pending: Map<string, PendingWrite>
  /** `true` outside a user transaction: `putRecord` sends its write at once and returns the server's version. */
  readonly immediate: boolean
}

/** @internal */
export interface OperationsConfig {
  readonly client: FhirClient
  readonly compartmentTypes: readonly string[]
  readonly discoverEveryMs: number
}

interface StagedEnvelope {
  readonly fhir: 1
  readonly writes: StagedWrite[]
  readonly plans: Plan[]
  readonly meta: JsonValue
}

function conflict(operation: string, recordId: string, expected: string | null, actual: string | null, extra: { viewId?: string; round?: bigint } = {}, cause?: unknown) {
  const show = (v: string | null) => (v === null ? 'absent' : `version ${JSON.stringify(v)}`)
  return new StorageError({
    code: 'VersionConflict',
    operation,
    message: `record "${recordId}" is ${show(actual)}, not ${show(expected)}; re-read it and retry.`,
    context: { recordId, expectedVersion: expected, actualVersion: actual, ...extra },
    cause,
  })
}

function unwrap(round: StagedRound): StagedRound {
  const envelope = round.meta as unknown as StagedEnvelope
  return { viewId: round.viewId, round: round.round, writes: envelope.writes, meta: envelope.meta }
}

/** Plans without `undefined` members, so they can be staged as JSON. */
function asJson(p: Plan): Plan {
  return p.layout === undefined ? { recordId: p.recordId, writes: p.writes } : p
}

/** @internal */
export function fhirOperations(config: OperationsConfig) {
  const { client, compartmentTypes } = config
  const discovery: Discovery = { everyMs: config.discoverEveryMs, last: new Map() }

  const current = (ctx: Context, recordId: string) => readCurrent(client, ctx.side, recordId, compartmentTypes, discovery)

  /**
   * Is every resource of `p` at its base, already written by this round (a replay after a crash), or
   * rebasable onto the newer version someone wrote outside lensync? Returns the writes still to send
   * (rebased ones from the newer version), or the reason it cannot.
   */
  const check = async (
    ctx: Context,
    p: Plan,
  ): Promise<{ readonly now: Current; readonly ok: boolean; readonly remaining: Plan['writes']; readonly cause?: FhirServerError | undefined }> => {
    const now = await current(ctx, p.recordId)
    const remaining: Plan['writes'] = []
    for (const w of p.writes) {
      const found = now.members.get(w.ref)
      if ((found ? versionIdOf(found) : null) === w.base) {
        remaining.push(w)
        continue
      }
      if (w.resource === null ? !found : found !== undefined && (holds(found, w.resource) || (sourceOf(w.resource) !== undefined && sourceOf(found) === sourceOf(w.resource))))
        continue // written by this round already
      const [type, id] = w.ref.split('/') as [string, string]
      if (w.resource !== null && !found && w.base !== null) {
        const cause = new FhirServerError({ code: 'Deleted', request: `GET ${w.ref}`, status: 410, pointer: w.pointer })
        return { now, ok: false, remaining, cause } // deleted outside lensync: the round cannot write it
      }
      if (w.resource === null || !found || w.base === null) return { now, ok: false, remaining }
      const base = await client.vread(type, id, w.base)
      const rebased = base && rebase(base, w.resource, found)
      if (!rebased) return { now, ok: false, remaining }
      remaining.push({ ...w, base: versionIdOf(found), resource: { ...rebased, id } })
    }
    return { now, ok: true, remaining }
  }

  /**
   * Drops from `p` the creates of resources lensync knew (it wrote or read them at its last write of
   * the record) that were deleted outside lensync since: the deletion wins, so a write made from a
   * view that still shows the resource (a rebased or rejoined round) does not bring it back. The
   * record then differs from that view, and the next `sync()` carries the deletion to it as a round.
   */
  const deletionsWin = async (ctx: Context, p: Plan, base: Current): Promise<Plan> => {
    const seen = (await ctx.side.getRecord(seenKey(p.recordId)))?.data as Seen | undefined
    if (!seen) return p
    const writes = p.writes.filter((w) => !(w.resource !== null && w.base === null && seen.known[w.ref] !== undefined && !base.members.has(w.ref)))
    return writes.length === p.writes.length ? p : { ...p, writes }
  }

  /** Sends one record write: the resource writes, then the layout (in the side store's transaction). */
  const send = async (ctx: Context, write: PendingWrite, operation: string, extra: { viewId?: string; round?: bigint } = {}) => {
    const known: Seen['known'] = {}
    for (const [ref, resource] of write.current.members) known[ref] = versionIdOf(resource)
    for (const w of write.plan.writes) {
      const [type, id] = w.ref.split('/') as [string, string]
      if (w.resource === null) {
        const found = await client.read(type, id)
        if (!found) continue
        if (versionIdOf(found) !== w.base) throw conflict(operation, write.plan.recordId, write.expected, (await current(ctx, write.plan.recordId)).version, extra)
        await client.remove(type, id, w.pointer)
        delete known[w.ref]
        continue
      }
      const result = await client.write(w.resource, w.base, w.pointer)
      if (result.ok) {
        known[w.ref] = versionIdOf(result.resource)
        continue
      }
      // A replayed promotion, or a retried request whose first answer was lost: already written?
      if (write.idempotent || result.error.attempts > 1) {
        const found = await client.read(type, id)
        if (found && holds(found, w.resource)) {
          known[w.ref] = versionIdOf(found)
          continue
        }
      }
      // Deleted outside lensync between the check and this write.
      const cause =
        result.error.code === 'NotFound' && w.base !== null
          ? new FhirServerError({ code: 'Deleted', request: result.error.request, status: result.error.status, pointer: w.pointer, cause: result.error })
          : result.error
      throw conflict(operation, write.plan.recordId, write.expected, (await current(ctx, write.plan.recordId)).version, extra, cause)
    }
    // What lensync now knows of the record, and the outside writes it absorbed (their authors kept).
    const seen = await ctx.side.getRecord(seenKey(write.plan.recordId))
    const previous = seen?.data as Seen | undefined
    const outside = previous ? await outsideOf(client, previous.known, write.current.members) : []
    const value: Seen = { known, outside: [...(previous?.outside ?? []), ...outside] }
    await ctx.side.putRecord(seenKey(write.plan.recordId), value, { expectedVersion: seen?.version ?? null })
    const layout = write.plan.layout
    if (layout) {
      const key = layoutKey(write.plan.recordId)
      const stored = await ctx.side.getRecord(key)
      // A replayed promotion may find its layout already stored.
      if (!(write.idempotent && stored && deepEqual(stored.data, layout.value)))
        await ctx.side.putRecord(key, layout.value, { expectedVersion: layout.base })
    }
  }

  /** Sends every pending write, in order. @internal */
  const flush = async (ctx: Context) => {
    for (const [recordId, write] of ctx.pending) {
      await send(ctx, write, 'transaction')
      ctx.pending.delete(recordId)
    }
  }

  const operations = (ctx: Context): StorageOperations => ({
    async getRecord(id) {
      checkId(id, 'getRecord', 'id')
      parseRecordId(id, 'getRecord')
      const pending = ctx.pending.get(id)
      if (pending) return { id, version: pending.version, data: fromJsonText(JSON.stringify(pending.data)) }
      const found = await current(ctx, id)
      return found.version === null ? undefined : { id, version: found.version, data: found.data as JsonValue }
    },

    async putRecord(id, data, options) {
      checkId(id, 'putRecord', 'id')
      const expected = checkExpectedVersion(options, 'putRecord')
      const value = fromJsonText(toJsonText(data, 'putRecord', 'data'))
      parseRecordId(id, 'putRecord')
      const pending = ctx.pending.get(id)
      let base: Current
      if (pending) {
        if (pending.version !== expected) throw conflict('putRecord', id, expected, pending.version)
        base = pending.current
      } else {
        base = await current(ctx, id)
        if (base.version !== expected) throw conflict('putRecord', id, expected, base.version)
      }
      const write: PendingWrite = { plan: await deletionsWin(ctx, plan(base, value, 'putRecord'), base), data: value, version: `pending:${randomUUID()}`, expected, current: base, idempotent: false }
      if (!ctx.immediate) {
        ctx.pending.set(id, write)
        return { id, version: write.version, data: fromJsonText(JSON.stringify(value)) }
      }
      await send(ctx, write, 'putRecord')
      const after = await current(ctx, id)
      return { id, version: after.version as string, data: after.data as JsonValue }
    },

    async stage(viewId, round, parameters) {
      checkId(viewId, 'stage', 'viewId')
      checkRound(round, 'stage')
      const { writes } = checkStage(parameters?.writes, parameters?.meta, 'stage')
      const plans: Plan[] = []
      for (const [i, write] of writes.entries()) {
        parseRecordId(write.recordId, 'stage')
        const pending = ctx.pending.get(write.recordId)
        const now = pending?.current ?? (await current(ctx, write.recordId))
        const version = pending?.version ?? now.version
        if (version !== write.baseVersion) throw conflict('stage', write.recordId, write.baseVersion, version, { viewId, round })
        plans.push(asJson(markRound(plan(now, write.data, 'stage', `/writes/${i}/data`), viewId, round)))
      }
      const envelope: StagedEnvelope = { fhir: 1, writes, plans, meta: parameters.meta }
      return ctx.side.stage(viewId, round, { writes: [], meta: envelope as unknown as JsonValue })
    },

    getStaged: (async (viewId: string, round?: bigint) => {
      if (round === undefined) return (await ctx.side.getStaged(viewId)).map(unwrap)
      const staged = await ctx.side.getStaged(viewId, round)
      return staged && unwrap(staged)
    }) as StorageOperations['getStaged'],

    async listStaged() {
      return (await ctx.side.listStaged()).map(unwrap)
    },

    async promote(viewId, round) {
      checkId(viewId, 'promote', 'viewId')
      checkRound(round, 'promote')
      const staged = await ctx.side.getStaged(viewId, round)
      if (!staged) return ctx.side.promote(viewId, round) // promoted before, discarded, or never staged: the side store says which
      const envelope = staged.meta as unknown as StagedEnvelope
      // Check every record before writing any: all or nothing, as far as REST allows.
      const checked = await Promise.all(envelope.plans.map((p) => check(ctx, p)))
      for (const [i, { now, ok, cause }] of checked.entries())
        if (!ok) throw conflict('promote', now.recordId, envelope.writes[i]!.baseVersion, now.version, { viewId, round }, cause)
      for (const [i, p] of envelope.plans.entries()) {
        const write = envelope.writes[i]!
        ctx.pending.set(p.recordId, { plan: { ...p, writes: checked[i]!.remaining }, data: write.data, version: `pending:${randomUUID()}`, expected: write.baseVersion, current: checked[i]!.now, idempotent: true })
      }
      if (ctx.immediate) {
        for (const p of envelope.plans) {
          await send(ctx, ctx.pending.get(p.recordId)!, 'promote', { viewId, round })
          ctx.pending.delete(p.recordId)
        }
      }
      return ctx.side.promote(viewId, round)
    },

    discard: (viewId, round) => ctx.side.discard(viewId, round),
    getViewState: (viewId) => ctx.side.getViewState(viewId),
    setViewState: (viewId, state) => ctx.side.setViewState(viewId, state),
    listViews: () => ctx.side.listViews(),
    getCursor: (name) => ctx.side.getCursor(name),
    setCursor: (name, cursor) => ctx.side.setCursor(name, cursor),
    markProcessed: (event) => ctx.side.markProcessed(event),
    isProcessed: (event) => ctx.side.isProcessed(event),
  })

  /** The outside writes of a record: those absorbed by lensync writes, then those since the last one. */
  const outsideWrites = async (side: StorageOperations, recordId: string) => {
    const seen = (await side.getRecord(seenKey(recordId)))?.data as Seen | undefined
    if (!seen) return []
    const now = await readCurrent(client, side, recordId, compartmentTypes, discovery)
    return [...seen.outside, ...(await outsideOf(client, seen.known, now.members))]
  }

  return { operations, flush, outsideWrites }
}

/** Wraps every operation so FHIR server failures become `StorageError` `Driver` (or `VersionConflict` for a 412). @internal */
export function wrapped(operations: StorageOperations): StorageOperations {
  const out: Record<string, unknown> = {}
  for (const [name, fn] of Object.entries(operations) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    out[name] = async (...args: unknown[]) => {
      try {
        return await fn(...args)
      } catch (error) {
        throw toStorageError(error, name)
      }
    }
  }
  return out as unknown as StorageOperations
}

/** @internal */
export function toStorageError(error: unknown, operation: string): unknown {
  if (error instanceof StorageError || !(error instanceof FhirServerError)) return error
  return new StorageError({
    code: 'Driver',
    operation,
    pointer: error.pointer,
    message: `the FHIR server failed (${error.code}${error.status ? `, HTTP ${error.status}` : ''}); nothing staged is lost: repeat the call when the server is back.`,
    cause: error,
  })
}
