/**
 * JSON with object keys sorted (arrays keep their order; `undefined` members dropped, as JSON does),
 * used to compare an implementation's result with the hand-written one. Independent of lensync's own
 * canonicalizer on purpose: the checker must not share code with what it checks.
 */
export function stableJson(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stableJson(v))).join(',')}]`
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(record[k])}`).join(',')}}`
}
