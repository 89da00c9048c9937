/**
 * Round metas and view states, and the one place they cross the storage boundary: rounds and
 * versions are `bigint` in memory and decimal strings in storage (JSON has no bigint, and a `number`
 * loses precision past 2^53 while the contract's are `uint64`). @internal
 */
import type { Address, Hex } from 'viem'
import type { Patch } from '../../../lens/patch/types.js'
import type { JsonValue } from '../../../json/JsonValue.js'
import type { SealedRoundPayload } from '../../transport/types.js'
import type { PeerViewState, PublishedPayload } from '../types.js'

/** What a peer stages with a round (the storage `meta`, through {@link encodeRoundMeta}). @internal */
export interface RoundMeta {
  /** `'proposal'`: this peer proposed it; `'incoming'`: another peer did. */
  readonly kind: 'proposal' | 'incoming'
  readonly round: bigint
  readonly recordId: string
  readonly baseVersion: bigint
  readonly baseCommitment: Hex
  /** `baseVersion + 1`. */
  readonly version: bigint
  readonly salt: Hex
  readonly commitment: Hex
  readonly digest: Hex
  readonly proposer: Address
  /** The view patch of the round. */
  readonly patch: Patch
  /** The record patch of a round this peer proposed with a record write (replayed when the record changed before promotion). */
  readonly recordPatch?: Patch | undefined
  /** The view the round creates. */
  readonly view: JsonValue
  /** The payload as this peer published it, sealed (proposals only). */
  readonly sealed?: SealedRoundPayload | undefined
}

/** `value` with its bigint fields `keys` as decimal strings. */
type Stored<value, keys extends keyof value> = Omit<value, keys> & { readonly [key in keys]: string }

/** The numbers that name a round: the fields a round meta and a kept payload share. */
interface RoundNumbers {
  readonly round: bigint
  readonly baseVersion: bigint
  readonly version: bigint
}

type StoredViewState = Omit<Stored<PeerViewState, 'version'>, 'published' | 'heldFrom'> & {
  readonly published?: readonly Stored<PublishedPayload, keyof RoundNumbers>[]
  readonly heldFrom?: string
}

/** Also reads the `number` versions that peers wrote before versions were stored as strings. */
const decodeInteger = (value: string | number): bigint => BigInt(value)

function encodeRound<value extends RoundNumbers>(value: value): Stored<value, keyof RoundNumbers> {
  return { ...value, round: String(value.round), baseVersion: String(value.baseVersion), version: String(value.version) }
}

function decodeRound<value extends RoundNumbers>(stored: Stored<value, keyof RoundNumbers>): value {
  return { ...stored, round: decodeInteger(stored.round), baseVersion: decodeInteger(stored.baseVersion), version: decodeInteger(stored.version) } as unknown as value
}

/** A round meta as storage keeps it. @internal */
export function encodeRoundMeta(meta: RoundMeta): JsonValue {
  return encodeRound(meta) as unknown as JsonValue
}

/** A round meta read from storage. @internal */
export function decodeRoundMeta(stored: JsonValue): RoundMeta {
  return decodeRound(stored as unknown as Stored<RoundMeta, keyof RoundNumbers>)
}

/** A view state as storage keeps it (an absent optional field stays absent: storage refuses `undefined`). @internal */
export function encodeViewState(state: PeerViewState): JsonValue {
  const { published, revoked, heldFrom, ...rest } = state
  const stored: StoredViewState = {
    ...rest,
    version: String(state.version),
    ...(published !== undefined ? { published: published.map(encodeRound) } : {}),
    ...(revoked !== undefined ? { revoked } : {}),
    ...(heldFrom !== undefined ? { heldFrom: String(heldFrom) } : {}),
  }
  return stored as unknown as JsonValue
}

/** A view state read from storage. @internal */
export function decodeViewState(stored: JsonValue): PeerViewState {
  // `genesis`: the version-0 copy that view states held before snapshots; no longer read.
  const { published, heldFrom, genesis: _legacy, ...rest } = stored as unknown as StoredViewState & { readonly genesis?: unknown }
  return {
    ...rest,
    version: decodeInteger(rest.version),
    ...(published !== undefined ? { published: published.map((p) => decodeRound<PublishedPayload>(p)) } : {}),
    ...(heldFrom !== undefined ? { heldFrom: decodeInteger(heldFrom) } : {}),
  }
}
