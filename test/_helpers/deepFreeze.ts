/**
 * Freezes a JSON value and everything inside it, so that any attempt of a lens to mutate its input
 * throws a `TypeError` (test modules run in strict mode).
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
  }
  return value
}
