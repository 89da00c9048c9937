/**
 * How a lensync record maps onto FHIR resources, and back.
 *
 * - `Type/id` — one resource; the record's data is the resource, its version the resource's
 *   `meta.versionId`.
 * - `Patient/<id>/$everything` — the Patient and the resources of its compartment, presented as a
 *   `Bundle` (`type: 'collection'`). The Bundle's own fields, the entry order and each entry's
 *   `fullUrl` are kept in a small layout in the side store (a FHIR server has no place for them), so
 *   a record reads back exactly as it was written. Its version is a digest of the layout's version
 *   and every member's `versionId`: it changes with any member, and with every write.
 *
 * @internal
 */
import { createHash } from 'node:crypto'
import { deepEqual } from '../../../json/equal.js'
import type { JsonValue } from '../../../json/JsonValue.js'
import { toPointer } from '../../../json/pointer.js'
import { StorageError } from '../../errors.js'
import type { StorageOperations } from '../../StorageAdapter.js'
import { type FhirClient, type Resource, type ServerResource, versionIdOf } from './client.js'

/** @internal */
export type RecordKind = { readonly kind: 'resource'; readonly type: string; readonly id: string } | { readonly kind: 'compartment'; readonly patientId: string }

const resourceId = /^([A-Z][A-Za-z]{1,63})\/([A-Za-z0-9\-.]{1,64})$/
const compartmentId = /^Patient\/([A-Za-z0-9\-.]{1,64})\/\$everything$/

/** Parses a record id; `InvalidArgument` when it names no FHIR resource or compartment. @internal */
export function parseRecordId(id: string, operation: string): RecordKind {
  const compartment = compartmentId.exec(id)
  if (compartment) return { kind: 'compartment', patientId: compartment[1]! }
  const resource = resourceId.exec(id)
  if (resource) return { kind: 'resource', type: resource[1]!, id: resource[2]! }
  throw new StorageError({
    code: 'InvalidArgument',
    operation,
    message: `a FHIR store record id is "Type/id" (one resource) or "Patient/<id>/$everything" (a patient's compartment), got ${JSON.stringify(id)}.`,
  })
}

/** What the side store keeps for a compartment record. @internal */
export interface Layout {
  /** The Bundle without `entry`. */
  readonly envelope: { [key: string]: JsonValue }
  /** Member references (`Type/id`), in entry order. */
  readonly order: string[]
  /** Each entry without its `resource` (its `fullUrl`…), by reference. */
  readonly entries: { [ref: string]: { [key: string]: JsonValue } }
}

/** The side-store record holding a compartment record's layout. @internal */
export function layoutKey(recordId: string): string {
  return `lensync:fhir-layout:${recordId}`
}

/** A record as found on the server (and in the side store). @internal */
export interface Current {
  readonly recordId: string
  readonly kind: RecordKind
  /** `null` when the record does not exist. */
  readonly version: string | null
  readonly data: JsonValue | undefined
  /** The members found, by reference. */
  readonly members: ReadonlyMap<string, ServerResource>
  /** The layout's side-store version (`null`: none), compartments only. */
  readonly layoutVersion: string | null
}

/** `meta` fields the server manages: never part of a record's data. @internal */
export const serverManagedMeta = ['versionId', 'lastUpdated', 'author', 'project', 'compartment', 'accounts', 'onBehalfOf'] as const

/** The `meta.source` prefix marking a resource written by a lensync promotion (see {@link markRound}). @internal */
export const roundSource = 'urn:lensync:round:'

/** The resource as a record shows it: without server-managed `meta` fields, nor lensync's round mark. @internal */
export function strip(resource: Resource): Resource {
  const source = resource.meta
  if (source === undefined || source === null || typeof source !== 'object' || Array.isArray(source)) return resource
  const meta: { [key: string]: JsonValue } = {}
  for (const [key, value] of Object.entries(source)) {
    if ((serverManagedMeta as readonly string[]).includes(key) || value === undefined) continue
    if (key === 'source' && typeof value === 'string' && value.startsWith(roundSource)) continue
    meta[key] = value
  }
  const { meta: _, ...rest } = resource
  return Object.keys(meta).length > 0 ? ({ ...rest, meta } as Resource) : (rest as Resource)
}

/**
 * Marks the resources a staged round writes with `meta.source` = `urn:lensync:round:<viewId>:<round>`
 * (unless they carry a `meta.source` of their own): a promotion replayed after a crash recognizes
 * its own writes by it, and never mistakes an outside write of the same content for one of them.
 *
 * @internal
 */
export function markRound(p: Plan, viewId: string, round: bigint): Plan {
  const mark = `${roundSource}${viewId}:${round}`
  const writes = p.writes.map((w) => {
    if (w.resource === null) return w
    const meta = (w.resource.meta ?? {}) as { [key: string]: JsonValue }
    if (meta.source !== undefined) return w
    return { ...w, resource: { ...w.resource, meta: { ...meta, source: mark } } }
  })
  return { ...p, writes }
}

/** The `meta.source` of a resource, if any. @internal */
export function sourceOf(resource: Resource): string | undefined {
  const meta = resource.meta as { source?: unknown } | undefined
  return typeof meta?.source === 'string' ? meta.source : undefined
}

/** Does the server's resource hold exactly what `resource` writes (content and round mark)? @internal */
export function holds(found: Resource, resource: Resource): boolean {
  return sourceOf(found) === sourceOf(resource) && deepEqual(strip(found), strip(resource))
}

/** `Type/id` of a resource. @internal */
export function refOf(resource: { resourceType: string; id?: string | undefined }): string {
  return `${resource.resourceType}/${resource.id}`
}

function compositeVersion(layoutVersion: string | null, members: ReadonlyMap<string, ServerResource>): string {
  const parts = [...members].map(([ref, r]) => `${ref}@${versionIdOf(r)}`).sort()
  return 'c' + createHash('sha256').update(JSON.stringify([layoutVersion, parts])).digest('base64url').slice(0, 32)
}

/** Resource types searched for a patient's compartment when no layout lists them. @internal */
export const defaultCompartmentTypes = [
  'AllergyIntolerance',
  'CarePlan',
  'Condition',
  'DiagnosticReport',
  'Encounter',
  'Immunization',
  'MedicationRequest',
  'MedicationStatement',
  'Observation',
  'Procedure',
] as const

/**
 * When a compartment record's resources were last searched for, per record: resources created in
 * the compartment outside lensync are found by that search (the layout lists only those lensync
 * wrote), at most once per `everyMs`; in between, reads fetch the known resources by `_id`.
 *
 * @internal
 */
export interface Discovery {
  readonly everyMs: number
  readonly last: Map<string, { readonly at: number; readonly refs: readonly string[] }>
}

async function searchCompartment(client: FhirClient, patientId: string, compartmentTypes: readonly string[], members: Map<string, ServerResource>) {
  const found = await Promise.all(compartmentTypes.map((type) => client.search(type, { patient: `Patient/${patientId}` })))
  for (const resource of found.flat()) members.set(refOf(resource), resource)
}

/** Reads a record from the server (and its layout from the side store). @internal */
export async function readCurrent(
  client: FhirClient,
  side: StorageOperations,
  recordId: string,
  compartmentTypes: readonly string[],
  discovery: Discovery,
): Promise<Current> {
  const kind = parseRecordId(recordId, 'getRecord')
  if (kind.kind === 'resource') {
    const resource = await client.read(kind.type, kind.id)
    const members = new Map(resource ? [[recordId, resource]] : [])
    return { recordId, kind, version: resource ? versionIdOf(resource) : null, data: resource ? (strip(resource) as JsonValue) : undefined, members, layoutVersion: null }
  }
  const stored = await side.getRecord(layoutKey(recordId))
  const layout = stored?.data as Layout | undefined
  const members = new Map<string, ServerResource>()
  if (layout) {
    const byType = new Map<string, string[]>()
    const seen = discovery.last.get(recordId)
    const due = seen === undefined || Date.now() - seen.at >= discovery.everyMs
    for (const ref of due ? layout.order : new Set([...layout.order, ...seen.refs])) {
      const [type, id] = ref.split('/') as [string, string]
      byType.set(type, [...(byType.get(type) ?? []), id])
    }
    const found = await Promise.all([...byType].map(([type, ids]) => client.search(type, { _id: ids.join(',') })))
    for (const resource of found.flat()) members.set(refOf(resource), resource)
    if (due) {
      const listed = new Set(layout.order)
      await searchCompartment(client, kind.patientId, compartmentTypes, members)
      discovery.last.set(recordId, { at: Date.now(), refs: [...members.keys()].filter((ref) => !listed.has(ref)) })
    }
  } else {
    const patient = await client.read('Patient', kind.patientId)
    if (!patient) return { recordId, kind, version: null, data: undefined, members, layoutVersion: null }
    members.set(refOf(patient), patient)
    await searchCompartment(client, kind.patientId, compartmentTypes, members)
  }
  const layoutVersion = stored?.version ?? null
  if (!layout && members.size === 0) return { recordId, kind, version: null, data: undefined, members, layoutVersion }
  return { recordId, kind, version: compositeVersion(layoutVersion, members), data: assemble(layout, members), members, layoutVersion }
}

function assemble(layout: Layout | undefined, members: ReadonlyMap<string, ServerResource>): JsonValue {
  const entry: JsonValue[] = []
  const listed = new Set(layout?.order ?? [])
  for (const ref of layout?.order ?? []) {
    const resource = members.get(ref)
    if (resource) entry.push({ ...layout!.entries[ref], resource: strip(resource) as JsonValue })
  }
  const unlisted = [...members.keys()].filter((ref) => !listed.has(ref))
  // Members the layout does not list (written outside lensync): the Patient first, then by reference.
  unlisted.sort((a, b) => (a.startsWith('Patient/') ? -1 : b.startsWith('Patient/') ? 1 : a < b ? -1 : a > b ? 1 : 0))
  for (const ref of unlisted) entry.push({ resource: strip(members.get(ref)!) as JsonValue })
  const envelope = layout?.envelope ?? { resourceType: 'Bundle', type: 'collection' }
  return entry.length > 0 ? { ...envelope, entry } : { ...envelope }
}

/** One resource write of a record write. @internal */
export interface MemberWrite {
  readonly ref: string
  /** The `versionId` the write starts from; `null`: the resource must not exist. */
  readonly base: string | null
  /** The new resource, or `null` to delete it. */
  readonly resource: (Resource & { id: string }) | null
  /** Where the resource sits in the record (e.g. `/entry/6/resource`). */
  readonly pointer: string
}

/** A record write, planned against what the server held: resource writes and the new layout. @internal */
export interface Plan {
  readonly recordId: string
  readonly writes: MemberWrite[]
  /** Compartments: the layout to store, from the side-store version `base`. */
  readonly layout?: { readonly value: Layout; readonly base: string | null } | undefined
}

function invalid(operation: string, pointer: string, message: string): StorageError {
  return new StorageError({ code: 'InvalidValue', operation, pointer, message })
}

function isObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Plans writing `data` over `current`; only changed resources are written. @internal */
export function plan(current: Current, data: JsonValue, operation: string, prefix = ''): Plan {
  const { kind, recordId } = current
  const target = new Map<string, { resource: Resource & { id: string }; pointer: string }>()
  let layout: Layout | undefined
  if (kind.kind === 'resource') {
    if (!isObject(data) || data.resourceType !== kind.type)
      throw invalid(operation, `${prefix}/resourceType`, `record "${recordId}" must be a ${kind.type} resource.`)
    if (data.id !== undefined && data.id !== kind.id) throw invalid(operation, `${prefix}/id`, `record "${recordId}" must have id "${kind.id}".`)
    target.set(recordId, { resource: { ...(data as Resource), id: kind.id }, pointer: prefix })
  } else {
    if (!isObject(data) || data.resourceType !== 'Bundle') throw invalid(operation, `${prefix}/resourceType`, `record "${recordId}" must be a Bundle.`)
    const { entry = [], ...envelope } = data
    if (!Array.isArray(entry)) throw invalid(operation, `${prefix}/entry`, 'entry must be an array.')
    const order: string[] = []
    const entries: Layout['entries'] = {}
    entry.forEach((e, i) => {
      const pointer = `${prefix}${toPointer(['entry', i, 'resource'])}`
      if (!isObject(e) || !isObject(e.resource)) throw invalid(operation, pointer, 'every entry needs a resource.')
      const { resource, ...rest } = e
      if (typeof resource.resourceType !== 'string' || typeof resource.id !== 'string' || !resourceId.test(`${resource.resourceType}/${resource.id}`))
        throw invalid(operation, pointer, 'every resource of a compartment record needs a resourceType and an id (the FHIR server stores it as Type/id).')
      const ref = refOf(resource as Resource)
      if (target.has(ref)) throw invalid(operation, pointer, `${ref} appears twice in the Bundle.`)
      target.set(ref, { resource: resource as Resource & { id: string }, pointer })
      order.push(ref)
      entries[ref] = rest
    })
    layout = { envelope, order, entries }
  }
  const writes: MemberWrite[] = []
  for (const [ref, { resource, pointer }] of target) {
    const existing = current.members.get(ref)
    // A one-resource record is always written (every write gives a new version); a compartment's layout always is.
    if (existing && kind.kind === 'compartment' && deepEqual(strip(existing), resource)) continue
    writes.push({ ref, base: existing ? versionIdOf(existing) : null, resource, pointer })
  }
  for (const [ref, existing] of current.members) if (!target.has(ref)) writes.push({ ref, base: versionIdOf(existing), resource: null, pointer: prefix })
  return { recordId, writes, layout: layout && { value: layout, base: current.layoutVersion } }
}

/** The side-store record of what lensync last knew of a record's resources, and the outside writes it saw. @internal */
export function seenKey(recordId: string): string {
  return `lensync:fhir-seen:${recordId}`
}

/** A change made to a record's resource outside lensync (the EHR itself), as found on the server. @internal */
export interface OutsideWriteJson {
  readonly ref: string
  readonly versionId: string
  readonly lastUpdated?: string
  readonly author?: string
  readonly source?: string
  readonly deleted?: boolean
}

/** What the side store keeps per record: the last known `versionId`s, and the outside writes seen. @internal */
export interface Seen {
  readonly known: { [ref: string]: string }
  readonly outside: OutsideWriteJson[]
}

function authorOf(resource: ServerResource): string | undefined {
  const author = resource.meta.author
  if (author === null || typeof author !== 'object' || Array.isArray(author)) return undefined
  const { reference, display } = author as { reference?: unknown; display?: unknown }
  return typeof reference === 'string' ? reference : typeof display === 'string' ? display : undefined
}

/**
 * The writes made outside lensync since it last knew the record: for every resource whose
 * `versionId` moved, its `_history` back to the known version, without the versions lensync rounds
 * wrote (marked in `meta.source`); resources created outside; resources deleted outside.
 *
 * @internal
 */
export async function outsideOf(client: FhirClient, known: Seen['known'], members: ReadonlyMap<string, ServerResource>): Promise<OutsideWriteJson[]> {
  const out: OutsideWriteJson[] = []
  for (const [ref, resource] of members) {
    if (known[ref] === versionIdOf(resource)) continue
    const [type, id] = ref.split('/') as [string, string]
    const versions: ServerResource[] = []
    let before: string | undefined
    for (const version of await client.history(type, id)) {
      if (versionIdOf(version) === known[ref]) {
        before = sourceOf(version)
        break
      }
      versions.push(version)
    }
    for (const version of versions.reverse()) {
      // A round's version carries a new round mark; a writer that copied the previous mark is outside.
      const source = sourceOf(version)
      const ours = source !== undefined && source.startsWith(roundSource) && source !== before
      before = source
      if (ours) continue
      const lastUpdated = version.meta.lastUpdated
      const author = authorOf(version)
      out.push({
        ref,
        versionId: versionIdOf(version),
        ...(typeof lastUpdated === 'string' ? { lastUpdated } : {}),
        ...(author !== undefined ? { author } : {}),
        ...(source !== undefined ? { source } : {}),
      })
    }
  }
  for (const [ref, versionId] of Object.entries(known)) if (!members.has(ref)) out.push({ ref, versionId, deleted: true })
  return out
}
