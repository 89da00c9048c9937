/**
 * Database drivers are optional peer dependencies: an adapter imports its driver on first use, so
 * importing `lensync/storage/pglite` or `lensync/storage/postgres` never needs it, and a driver that
 * is not installed is a `StorageError` naming the package to install.
 *
 * @internal
 */
import { StorageError } from '../errors.js'

/** Node's codes for a package that cannot be found: `import()` (ESM) and `require` (CJS). */
const notFound = new Set(['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND'])

function isMissing(error: unknown, name: string): boolean {
  // Only `name` itself: a driver that is installed but misses a dependency of its own stays a Driver error.
  return error instanceof Error && 'code' in error && notFound.has(String(error.code)) && error.message.includes(`'${name}'`)
}

/**
 * Runs `load` (an `import()` of the package `name`); rethrows its failure as `MissingDependency`
 * when `name` is not installed.
 *
 * @internal
 */
export async function importPeer<module>(name: string, operation: string, load: () => Promise<module>): Promise<module> {
  try {
    return await load()
  } catch (error) {
    if (!isMissing(error, name)) throw error
    throw new StorageError({
      code: 'MissingDependency',
      operation,
      message: `the optional peer dependency ${name} is not installed; install it with \`npm install ${name}\`.`,
      cause: error,
    })
  }
}

/** A value opened on first use; calls share one opening, and a failed opening is retried. @internal */
export interface Lazy<value> {
  (): Promise<value>
  /** The opening, if one started and did not fail. */
  readonly current: Promise<value> | undefined
}

/** @internal */
export function lazy<value>(open: () => Promise<value>): Lazy<value> {
  let current: Promise<value> | undefined
  const get = () =>
    (current ??= open().catch((error: unknown) => {
      current = undefined
      throw error
    }))
  return Object.defineProperty(get, 'current', { get: () => current }) as Lazy<value>
}
