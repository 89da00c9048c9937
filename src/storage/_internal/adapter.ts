/**
 * Builds a {@link StorageAdapter} from a backend's raw operations and its transaction engine, so every
 * backend gets the same guards: closed adapter, adapter used inside its own transaction, `tx` used
 * after its transaction ended, and per-operation atomicity inside transactions.
 *
 * @internal
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { StorageError } from '../errors.js'
import type { StorageAdapter, StorageOperations } from '../StorageAdapter.js'

/** How an operation touches the backend. @internal */
type Access = 'read' | 'write' | 'multi'

const access: { readonly [name in keyof StorageOperations]: Access } = {
  getRecord: 'read',
  putRecord: 'write',
  stage: 'multi',
  getStaged: 'read',
  listStaged: 'read',
  promote: 'multi',
  discard: 'multi',
  getViewState: 'read',
  setViewState: 'write',
  listViews: 'read',
  getCursor: 'read',
  setCursor: 'write',
  markProcessed: 'write',
  isProcessed: 'read',
}

/**
 * The transactional machinery of one backend, over its context type `context` (a SQL executor, a
 * memory overlay).
 *
 * @internal
 */
export interface Engine<context> {
  /**
   * Runs `fn` outside any transaction. `read`: plain read. `write`: one atomic write.
   * `multi`: several statements that must commit together (the engine opens a transaction).
   */
  run<result>(access: Access, fn: (context: context) => Promise<result>): Promise<result>
  /** Runs a user transaction. */
  transaction<result>(fn: (context: context) => Promise<result>): Promise<result>
  /** Inside a transaction: runs `fn` so that a failure undoes only `fn`'s effects (savepoint, overlay). */
  nested<result>(context: context, fn: (context: context) => Promise<result>): Promise<result>
  /** Releases the backend. */
  close(): Promise<void>
}

type Method = (...args: never[]) => Promise<unknown>

/** @internal */
export function createAdapter<context>(parameters: {
  readonly kind: string
  readonly engine: Engine<context>
  readonly operations: (context: context) => StorageOperations
}): StorageAdapter {
  const { kind, engine, operations } = parameters
  const inTransaction = new AsyncLocalStorage<{ open: boolean }>()
  let closed = false
  let closing: Promise<void> | undefined

  const assertUsable = (operation: string) => {
    if (closed)
      throw new StorageError({ code: 'Closed', operation, message: `this ${kind} storage was closed; open a new one.` })
    if (inTransaction.getStore()?.open)
      throw new StorageError({
        code: 'TransactionMisuse',
        operation,
        message: 'called on the storage inside its own transaction(fn); use the tx argument of fn instead.',
      })
  }

  const adapter: Record<string, unknown> = { kind }
  for (const name of Object.keys(access) as (keyof StorageOperations)[]) {
    adapter[name] = async (...args: never[]) => {
      assertUsable(name)
      return engine.run(access[name], (context) => (operations(context)[name] as Method)(...args))
    }
  }

  adapter.transaction = async <result>(fn: (tx: StorageOperations) => Promise<result>): Promise<result> => {
    assertUsable('transaction')
    const state = { open: true }
    // Calls on one tx run one after the other, even when fn starts them concurrently: a transaction
    // has one connection, and savepoints must nest.
    let queue: Promise<unknown> = Promise.resolve()
    try {
      return await engine.transaction((context) => {
        const tx: Record<string, unknown> = {}
        for (const name of Object.keys(access) as (keyof StorageOperations)[]) {
          tx[name] = (...args: never[]) => {
            const result = queue.then(() => call(name, args))
            queue = result.catch(() => undefined)
            return result
          }
        }
        const call = async (name: keyof StorageOperations, args: never[]) => {
          if (!state.open)
            throw new StorageError({
              code: 'TransactionMisuse',
              operation: name,
              message: 'called on a tx whose transaction already ended; await every tx call inside fn.',
            })
          if (closed) throw new StorageError({ code: 'Closed', operation: name, message: `this ${kind} storage was closed.` })
          const run = (c: context) => (operations(c)[name] as Method)(...args)
          return access[name] === 'multi' ? engine.nested(context, run) : run(context)
        }
        return inTransaction.run(state, () => fn(tx as unknown as StorageOperations))
      })
    } finally {
      state.open = false
    }
  }

  adapter.close = async () => {
    closed = true
    closing ??= engine.close()
    return closing
  }

  return adapter as unknown as StorageAdapter
}
