import { expect } from 'vitest'
import { LensError } from 'lensync/lens'

/** Runs `f` and returns the LensError it throws (fails the test otherwise). */
export function thrown(f: () => unknown): LensError {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(LensError)
    return e as LensError
  }
  throw new Error('expected a LensError')
}
