/**
 * Expecting a typed lensync error: the class, then any fields (`code`, `pointer`, `data`, …),
 * matched with `toMatchObject`. Both return the error for further checks.
 */
import { expect } from 'vitest'
import type { LensyncError } from 'lensync'

/** A lensync error class (abstract ones too, e.g. `CoordinatorError`). */
type ErrorClass<E extends LensyncError> = abstract new (...args: never[]) => E

/** Fields the error must have; nested objects match partially. */
type ExpectedFields<E> = { readonly [K in keyof E]?: unknown }

function check<E extends LensyncError>(error: unknown, ErrorClass: ErrorClass<E>, fields: ExpectedFields<E> | undefined): E {
  expect(error).toBeInstanceOf(ErrorClass)
  if (fields !== undefined) expect(error).toMatchObject(fields)
  return error as E
}

/** Runs `fn`, which must throw an `ErrorClass` with `fields`; returns the error. */
export function expectLensyncError<E extends LensyncError>(fn: () => unknown, ErrorClass: ErrorClass<E>, fields?: ExpectedFields<E>): E {
  try {
    fn()
  } catch (error) {
    return check(error, ErrorClass, fields)
  }
  throw new Error(`expected ${ErrorClass.name} to be thrown, nothing was`)
}

/** Awaits `promise` (or `fn()`), which must reject with an `ErrorClass` with `fields`; returns the error. */
export async function expectLensyncErrorAsync<E extends LensyncError>(
  promise: Promise<unknown> | (() => Promise<unknown>),
  ErrorClass: ErrorClass<E>,
  fields?: ExpectedFields<E>,
): Promise<E> {
  try {
    await (typeof promise === 'function' ? promise() : promise)
  } catch (error) {
    return check(error, ErrorClass, fields)
  }
  throw new Error(`expected a rejection with ${ErrorClass.name}, the promise resolved`)
}
