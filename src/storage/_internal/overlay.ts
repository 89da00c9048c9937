/**
 * Copy-on-write tables for the memory backend: an {@link Overlay} records writes over a parent table
 * and either pushes them into the parent (`commit`) or is dropped (rollback). Nesting overlays gives
 * transactions and per-operation atomicity inside them, at a cost proportional to the writes.
 *
 * @internal
 */

/** The table operations the memory backend uses. @internal */
export interface Table<value> {
  get(key: string): value | undefined
  has(key: string): boolean
  set(key: string, value: value): void
  delete(key: string): void
  /** Every live entry (order unspecified). */
  entries(): Iterable<[string, value]>
}

/** A plain `Map` as the committed base table. @internal */
export class BaseTable<value> implements Table<value> {
  readonly #map = new Map<string, value>()
  get(key: string) {
    return this.#map.get(key)
  }
  has(key: string) {
    return this.#map.has(key)
  }
  set(key: string, value: value) {
    this.#map.set(key, value)
  }
  delete(key: string) {
    this.#map.delete(key)
  }
  entries() {
    return this.#map.entries()
  }
}

const deleted: unique symbol = Symbol('deleted')

/** Uncommitted writes over a parent table. @internal */
export class Overlay<value> implements Table<value> {
  readonly #parent: Table<value>
  readonly #writes = new Map<string, value | typeof deleted>()

  constructor(parent: Table<value>) {
    this.#parent = parent
  }
  get(key: string) {
    const own = this.#writes.get(key)
    if (own === deleted) return undefined
    return own !== undefined ? own : this.#parent.get(key)
  }
  has(key: string) {
    const own = this.#writes.get(key)
    return own === deleted ? false : own !== undefined || this.#parent.has(key)
  }
  set(key: string, value: value) {
    this.#writes.set(key, value)
  }
  delete(key: string) {
    this.#writes.set(key, deleted)
  }
  *entries(): Iterable<[string, value]> {
    for (const [key, value] of this.#parent.entries()) if (!this.#writes.has(key)) yield [key, value]
    for (const [key, value] of this.#writes) if (value !== deleted) yield [key, value]
  }
  /** Pushes the writes into the parent. Synchronous, so no other code observes half of them. */
  commit() {
    for (const [key, value] of this.#writes) {
      if (value === deleted) this.#parent.delete(key)
      else this.#parent.set(key, value)
    }
    this.#writes.clear()
  }
}
