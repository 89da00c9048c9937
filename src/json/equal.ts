/**
 * Structural equality of JSON values: key order is not significant, `undefined`-valued keys count as
 * absent, arrays compare positionally. Identical references short-circuit, so comparing a put result
 * with its path-copied source costs only the changed spine.
 *
 * @internal
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)
  }
  const aIsArray = Array.isArray(a)
  if (aIsArray !== Array.isArray(b)) return false
  if (aIsArray) {
    const bArray = b as readonly unknown[]
    if (a.length !== bArray.length) return false
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bArray[i])) return false
    return true
  }
  const ao = a as Record<string, unknown>
  const bo = b as Record<string, unknown>
  let count = 0
  for (const k in ao) {
    if (!Object.prototype.hasOwnProperty.call(ao, k) || ao[k] === undefined) continue
    count++
    if (!Object.prototype.hasOwnProperty.call(bo, k) || !deepEqual(ao[k], bo[k])) return false
  }
  for (const k in bo) if (Object.prototype.hasOwnProperty.call(bo, k) && bo[k] !== undefined) count--
  return count === 0
}
