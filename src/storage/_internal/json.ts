/**
 * Checking and serializing JSON values and arguments, shared by every backend so they accept and
 * refuse exactly the same inputs.
 *
 * @internal
 */
import { StorageError } from '../errors.js'
import type { EventCursor, EventKey, StagedWrite } from '../StorageAdapter.js'
import type { JsonValue } from '../../json/JsonValue.js'

const objectPrototype = Object.prototype
const maxRound = 2n ** 64n
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function storable(value: string): boolean {
  return !value.includes('\u0000') && !loneSurrogate.test(value)
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1')
}

function invalid(operation: string, what: string, pointer: string, message: string): StorageError {
  return new StorageError({
    code: 'InvalidValue',
    operation,
    pointer,
    message: `${what} at "${pointer}" ${message}`,
  })
}

function checkString(value: string, operation: string, what: string, pointer: string, role: string): void {
  if (!storable(value)) throw invalid(operation, what, pointer, `has a ${role} with U+0000 or a lone surrogate; PostgreSQL cannot store it.`)
}

function check(value: unknown, operation: string, what: string, pointer: string, seen: Set<object>): void {
  switch (typeof value) {
    case 'string':
      checkString(value, operation, what, pointer, 'string')
      return
    case 'boolean':
      return
    case 'number':
      if (!Number.isFinite(value)) throw invalid(operation, what, pointer, `is ${value}, which JSON cannot represent.`)
      return
    case 'object': {
      if (value === null) return
      if (seen.has(value)) throw invalid(operation, what, pointer, 'is a cycle back to one of its parents.')
      seen.add(value)
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) throw invalid(operation, what, `${pointer}/${i}`, 'is a hole in a sparse array; use null.')
          check(value[i], operation, what, `${pointer}/${i}`, seen)
        }
      } else {
        const prototype = Object.getPrototypeOf(value)
        if (prototype !== objectPrototype && prototype !== null)
          throw invalid(operation, what, pointer, `is a ${(value as object).constructor?.name ?? 'class'} instance, not a plain object.`)
        for (const key of Object.keys(value)) {
          const child = `${pointer}/${escapePointer(key)}`
          checkString(key, operation, what, child, 'key')
          const item = (value as Record<string, unknown>)[key]
          if (item === undefined) throw invalid(operation, what, child, 'is undefined; omit the key instead.')
          check(item, operation, what, child, seen)
        }
      }
      seen.delete(value)
      return
    }
    default:
      throw invalid(operation, what, pointer, `is a ${typeof value}, which JSON cannot represent.`)
  }
}

/**
 * Checks that `value` is storable JSON and returns its JSON text.
 *
 * @internal
 */
export function toJsonText(value: unknown, operation: string, what: string): string {
  check(value, operation, what, '', new Set())
  return JSON.stringify(value)
}

/** Parses JSON text read back from a backend. @internal */
export function fromJsonText(text: string): JsonValue {
  return JSON.parse(text) as JsonValue
}

function argument(operation: string, message: string): StorageError {
  return new StorageError({ code: 'InvalidArgument', operation, message })
}

/** @internal */
export function checkId(value: unknown, operation: string, what: string): string {
  if (typeof value !== 'string' || value.length === 0) throw argument(operation, `${what} must be a non-empty string, got ${show(value)}.`)
  if (!storable(value))
    throw argument(operation, `${what} must not contain U+0000 or lone surrogates.`)
  return value
}

/** @internal */
export function checkRound(value: unknown, operation: string): bigint {
  if (typeof value !== 'bigint' || value < 0n || value >= maxRound)
    throw argument(operation, `round must be a bigint in [0, 2^64), got ${show(value)}.`)
  return value
}

/** @internal */
export function checkCount(value: unknown, operation: string, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw argument(operation, `${what} must be a non-negative safe integer, got ${show(value)}.`)
  return value
}

/**
 * Checks a record version where "absent" is allowed: a non-empty string, or `null`.
 *
 * @internal
 */
export function checkVersion(value: unknown, operation: string, what: string): string | null {
  if (value === null) return null
  if (typeof value !== 'string' || value.length === 0 || !storable(value))
    throw argument(operation, `${what} must be a version string read from storage, or null for "must not exist yet", got ${show(value)}.`)
  return value
}

/** Checks `putRecord`'s options; returns the expected version. @internal */
export function checkExpectedVersion(options: unknown, operation: string): string | null {
  if (options === null || typeof options !== 'object' || !('expectedVersion' in options))
    throw argument(operation, `options must be { expectedVersion } (a version string, or null to create), got ${show(options)}.`)
  return checkVersion(options.expectedVersion, operation, 'expectedVersion')
}

/** @internal */
export function checkCursor(value: EventCursor, operation: string): EventCursor {
  if (value === null || typeof value !== 'object') throw argument(operation, `cursor must be { blockNumber, logIndex }, got ${show(value)}.`)
  if (typeof value.blockNumber !== 'bigint' || value.blockNumber < 0n || value.blockNumber >= maxRound)
    throw argument(operation, `cursor.blockNumber must be a bigint in [0, 2^64), got ${show(value.blockNumber)}.`)
  return { blockNumber: value.blockNumber, logIndex: checkCount(value.logIndex, operation, 'cursor.logIndex') }
}

/** @internal */
export function checkEventKey(value: EventKey, operation: string): EventKey {
  if (value === null || typeof value !== 'object') throw argument(operation, `event must be { txHash, logIndex }, got ${show(value)}.`)
  return { txHash: checkId(value.txHash, operation, 'event.txHash'), logIndex: checkCount(value.logIndex, operation, 'event.logIndex') }
}

/**
 * Checks a stage's writes and meta; returns normalized copies and their JSON texts.
 *
 * @internal
 */
export function checkStage(
  writes: readonly StagedWrite[],
  meta: unknown,
  operation: string,
): { writes: StagedWrite[]; writesText: string; metaText: string } {
  if (!Array.isArray(writes)) throw argument(operation, `writes must be an array, got ${show(writes)}.`)
  const seen = new Set<string>()
  const normalized: StagedWrite[] = []
  const texts: string[] = []
  writes.forEach((write: StagedWrite, i) => {
    if (write === null || typeof write !== 'object') throw argument(operation, `writes[${i}] must be { recordId, baseVersion, data }.`)
    const recordId = checkId(write.recordId, operation, `writes[${i}].recordId`)
    if (seen.has(recordId)) throw argument(operation, `writes[${i}] writes record "${recordId}" a second time; merge the writes.`)
    seen.add(recordId)
    const baseVersion = checkVersion(write.baseVersion, operation, `writes[${i}].baseVersion`)
    const dataText = toJsonText(write.data, operation, `writes[${i}].data`)
    texts.push(`{"recordId":${JSON.stringify(recordId)},"baseVersion":${JSON.stringify(baseVersion)},"data":${dataText}}`)
    normalized.push({ recordId, baseVersion, data: fromJsonText(dataText) })
  })
  return { writes: normalized, writesText: `[${texts.join(',')}]`, metaText: toJsonText(meta, operation, 'meta') }
}

/** A short rendering of a bad argument for messages. @internal */
export function show(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)
  if (value === undefined) return 'undefined'
  try {
    const text = JSON.stringify(value)
    return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 80)}…` : text
  } catch {
    return Object.prototype.toString.call(value)
  }
}
