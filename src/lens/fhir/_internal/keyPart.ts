/**
 * Turning a field of a FHIR item into a part of its key, whatever the field holds.
 *
 * @internal
 */

/**
 * The text of one key part: a string as it is, `undefined`/`null` as `''`, a number or boolean
 * as `String(value)`, anything else (an object, an array — also one without a prototype, which a
 * template literal cannot convert) as its JSON text, or its type name when it has none. Never
 * throws, so a malformed item reaches the keyed lens's own checks instead of a `TypeError`.
 */
export function keyPart(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === undefined || value === null) return ''
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (typeof value === 'object') {
    try {
      const json = JSON.stringify(value)
      if (typeof json === 'string') return json
    } catch {
      // A cyclic value: fall through to its type name.
    }
  }
  return `<${typeof value}>`
}

/** The own-or-inherited field `name` of `item`, or `undefined` when `item` is not an object. */
export function field(item: unknown, name: string): unknown {
  return typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[name] : undefined
}
