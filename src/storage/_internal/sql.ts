/**
 * The one SQL implementation of {@link StorageAdapter}, shared by PGlite and PostgreSQL through a
 * tiny query-executor abstraction ({@link SqlDriver}). Every parameter is sent as text and cast in
 * SQL, and every column is read back as text, so both drivers (and any type parsers a caller set on
 * a `pg` pool) see exactly the same values.
 *
 * @internal
 */
import { createAdapter, type Engine } from './adapter.js'
import { checkCursor, checkEventKey, checkExpectedVersion, checkId, checkRound, checkStage, fromJsonText, toJsonText } from './json.js'
import { StorageError } from '../errors.js'
import { roundFinished, stageConflict, stageNotFound, versionConflict } from './refusals.js'
import type { StagedRound, StagedWrite, StorageAdapter, StorageOperations } from '../StorageAdapter.js'

/** One row, every column read as text. @internal */
export type SqlRow = Record<string, string | null>

/** Runs one statement. @internal */
export interface SqlExecutor {
  query(text: string, params?: readonly (string | null)[]): Promise<SqlRow[]>
}

/** What a database driver must provide. @internal */
export interface SqlDriver extends SqlExecutor {
  /** Runs `fn` between `BEGIN` and `COMMIT` on one connection; `ROLLBACK` and rethrow when it throws. */
  transaction<result>(fn: (executor: SqlExecutor) => Promise<result>): Promise<result>
  /** Releases what the driver owns. */
  close(): Promise<void>
}

/** Current layout of the tables; bump with a migration step when it changes. @internal */
export const schemaVersion = 1

const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/

/** @internal */
export function checkSchema(schema: unknown, operation: string): string {
  if (typeof schema !== 'string' || !schemaPattern.test(schema))
    throw new StorageError({
      code: 'InvalidArgument',
      operation,
      message: `schema must be a lowercase SQL identifier (a-z, 0-9, _; at most 63 characters), got ${JSON.stringify(schema)}.`,
    })
  return schema
}

/** Wraps a driver error (or passes a StorageError through). @internal */
export function driverError(error: unknown, operation: string, code: 'Driver' | 'Migration' = 'Driver'): StorageError {
  if (error instanceof StorageError) return error
  const sqlState = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined
  const message = error instanceof Error ? error.message : String(error)
  return new StorageError({
    code,
    operation,
    message: code === 'Migration' ? `creating the storage tables failed: ${message}` : `the database failed: ${message}`,
    metaMessages: sqlState ? [`SQLSTATE: ${sqlState}`] : undefined,
    cause: error,
  })
}

function migrations(s: string): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${s}.meta (key text PRIMARY KEY, value jsonb NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${s}.records (
      id text PRIMARY KEY,
      version bigint NOT NULL CHECK (version > 0),
      data jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`,
    `CREATE TABLE IF NOT EXISTS ${s}.staged_rounds (
      view_id text NOT NULL,
      round numeric(20, 0) NOT NULL,
      writes jsonb NOT NULL,
      meta jsonb NOT NULL,
      staged_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (view_id, round))`,
    `CREATE TABLE IF NOT EXISTS ${s}.finished_rounds (
      view_id text NOT NULL,
      round numeric(20, 0) NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('promoted', 'discarded')),
      finished_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (view_id, round))`,
    `CREATE TABLE IF NOT EXISTS ${s}.view_states (view_id text PRIMARY KEY, state jsonb NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${s}.cursors (
      name text PRIMARY KEY,
      block_number numeric(20, 0) NOT NULL,
      log_index bigint NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${s}.processed_events (
      tx_hash text NOT NULL,
      log_index bigint NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tx_hash, log_index))`,
    `INSERT INTO ${s}.meta (key, value) VALUES ('schemaVersion', '${schemaVersion}') ON CONFLICT (key) DO NOTHING`,
  ]
}

async function migrate(driver: SqlDriver, schema: string, operation: string): Promise<void> {
  const s = `"${schema}"`
  try {
    await driver.transaction(async (ex) => {
      // Two processes opening the same schema at once would race on CREATE … IF NOT EXISTS.
      await ex.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`lensync:migrate:${schema}`])
      for (const statement of migrations(s)) await ex.query(statement)
      const [row] = await ex.query(`SELECT value::text AS value FROM ${s}.meta WHERE key = 'schemaVersion'`)
      const found = Number(row?.value)
      if (found !== schemaVersion)
        throw new StorageError({
          code: 'Migration',
          operation,
          message: `schema "${schema}" has layout version ${row?.value}, this lensync reads version ${schemaVersion}; upgrade lensync or use another schema.`,
        })
    })
  } catch (error) {
    const connection = !(typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code))
    throw driverError(error, operation, connection && !(error instanceof StorageError) ? 'Driver' : 'Migration')
  }
}

interface Context {
  readonly ex: SqlExecutor
  readonly depth: number
}

function toStagedRound(row: SqlRow): StagedRound {
  return {
    viewId: row.view_id as string,
    round: BigInt(row.round as string),
    writes: fromJsonText(row.writes as string) as unknown as StagedWrite[],
    meta: fromJsonText(row.meta as string),
  }
}

function sqlOperations(schema: string) {
  const s = `"${schema}"`
  const lockRound = (ex: SqlExecutor, viewId: string, round: bigint) =>
    ex.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`lensync:${schema}/${viewId}/${round}`])
  const outcomeOf = async (ex: SqlExecutor, viewId: string, round: bigint) => {
    const [row] = await ex.query(`SELECT outcome FROM ${s}.finished_rounds WHERE view_id = $1 AND round = $2::numeric`, [viewId, `${round}`])
    return row?.outcome as 'promoted' | 'discarded' | undefined
  }
  const versionOf = async (ex: SqlExecutor, id: string) => {
    const [row] = await ex.query(`SELECT version::text AS version FROM ${s}.records WHERE id = $1`, [id])
    return row ? (row.version as string) : null
  }
  /**
   * Compare-and-swap write; returns the new version, or `undefined` when the version did not match.
   * Versions are a counter per record, handed out as text (opaque to callers), compared as text so
   * that any string a caller passes is simply a mismatch.
   */
  const swap = async (ex: SqlExecutor, id: string, expectedVersion: string | null, text: string) => {
    const rows =
      expectedVersion === null
        ? await ex.query(`INSERT INTO ${s}.records (id, version, data) VALUES ($1, 1, $2::jsonb) ON CONFLICT (id) DO NOTHING RETURNING version::text AS version`, [id, text])
        : await ex.query(
            `UPDATE ${s}.records SET version = version + 1, data = $2::jsonb, updated_at = now() WHERE id = $1 AND version::text = $3 RETURNING version::text AS version`,
            [id, text, expectedVersion],
          )
    return rows[0]?.version ?? undefined
  }

  return ({ ex }: Context): StorageOperations => ({
    async getRecord(id) {
      checkId(id, 'getRecord', 'id')
      const [row] = await ex.query(`SELECT version::text AS version, data::text AS data FROM ${s}.records WHERE id = $1`, [id])
      return row ? { id, version: row.version as string, data: fromJsonText(row.data as string) } : undefined
    },

    async putRecord(id, data, options) {
      checkId(id, 'putRecord', 'id')
      const expectedVersion = checkExpectedVersion(options, 'putRecord')
      const text = toJsonText(data, 'putRecord', 'data')
      const version = await swap(ex, id, expectedVersion, text)
      if (version === undefined) throw versionConflict('putRecord', id, expectedVersion, await versionOf(ex, id))
      return { id, version, data: fromJsonText(text) }
    },

    async stage(viewId, round, parameters) {
      checkId(viewId, 'stage', 'viewId')
      checkRound(round, 'stage')
      const { writes, writesText, metaText } = checkStage(parameters?.writes, parameters?.meta, 'stage')
      await lockRound(ex, viewId, round)
      const outcome = await outcomeOf(ex, viewId, round)
      if (outcome) throw roundFinished('stage', viewId, round, outcome)
      const [existing] = await ex.query(
        `SELECT (writes = $3::jsonb AND meta = $4::jsonb)::text AS same FROM ${s}.staged_rounds WHERE view_id = $1 AND round = $2::numeric`,
        [viewId, `${round}`, writesText, metaText],
      )
      if (existing) {
        if (existing.same === 'true') return { changed: false }
        throw stageConflict(viewId, round)
      }
      if (writes.length > 0) {
        const rows = await ex.query(
          `SELECT id, version::text AS version FROM ${s}.records WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
          [JSON.stringify(writes.map((w) => w.recordId))],
        )
        const versions = new Map(rows.map((row) => [row.id as string, row.version as string]))
        for (const write of writes) {
          const actualVersion = versions.get(write.recordId) ?? null
          if (actualVersion !== write.baseVersion) throw versionConflict('stage', write.recordId, write.baseVersion, actualVersion, { viewId, round })
        }
      }
      await ex.query(`INSERT INTO ${s}.staged_rounds (view_id, round, writes, meta) VALUES ($1, $2::numeric, $3::jsonb, $4::jsonb)`, [
        viewId,
        `${round}`,
        writesText,
        metaText,
      ])
      return { changed: true }
    },

    getStaged: (async (viewId: string, round?: bigint) => {
      checkId(viewId, 'getStaged', 'viewId')
      const columns = `view_id, round::text AS round, writes::text AS writes, meta::text AS meta`
      if (round !== undefined) {
        checkRound(round, 'getStaged')
        const [row] = await ex.query(`SELECT ${columns} FROM ${s}.staged_rounds WHERE view_id = $1 AND round = $2::numeric`, [viewId, `${round}`])
        return row ? toStagedRound(row) : undefined
      }
      const rows = await ex.query(`SELECT ${columns} FROM ${s}.staged_rounds WHERE view_id = $1 ORDER BY staged_rounds.round`, [viewId])
      return rows.map(toStagedRound)
    }) as StorageOperations['getStaged'],

    async listStaged() {
      const rows = await ex.query(
        `SELECT view_id, round::text AS round, writes::text AS writes, meta::text AS meta FROM ${s}.staged_rounds ORDER BY staged_rounds.view_id COLLATE "C", staged_rounds.round`,
      )
      return rows.map(toStagedRound)
    },

    async promote(viewId, round) {
      checkId(viewId, 'promote', 'viewId')
      checkRound(round, 'promote')
      await lockRound(ex, viewId, round)
      const outcome = await outcomeOf(ex, viewId, round)
      if (outcome === 'promoted') return { outcome, changed: false }
      if (outcome === 'discarded') throw roundFinished('promote', viewId, round, outcome)
      const [stage] = await ex.query(`DELETE FROM ${s}.staged_rounds WHERE view_id = $1 AND round = $2::numeric RETURNING writes::text AS writes`, [
        viewId,
        `${round}`,
      ])
      if (!stage) throw stageNotFound(viewId, round)
      for (const write of fromJsonText(stage.writes as string) as unknown as StagedWrite[]) {
        if ((await swap(ex, write.recordId, write.baseVersion, JSON.stringify(write.data))) === undefined)
          throw versionConflict('promote', write.recordId, write.baseVersion, await versionOf(ex, write.recordId), { viewId, round })
      }
      await ex.query(`INSERT INTO ${s}.finished_rounds (view_id, round, outcome) VALUES ($1, $2::numeric, 'promoted')`, [viewId, `${round}`])
      return { outcome: 'promoted', changed: true }
    },

    async discard(viewId, round) {
      checkId(viewId, 'discard', 'viewId')
      checkRound(round, 'discard')
      await lockRound(ex, viewId, round)
      const outcome = await outcomeOf(ex, viewId, round)
      if (outcome === 'discarded') return { outcome, changed: false }
      if (outcome === 'promoted') throw roundFinished('discard', viewId, round, outcome)
      const removed = await ex.query(`DELETE FROM ${s}.staged_rounds WHERE view_id = $1 AND round = $2::numeric RETURNING 1 AS ok`, [viewId, `${round}`])
      await ex.query(`INSERT INTO ${s}.finished_rounds (view_id, round, outcome) VALUES ($1, $2::numeric, 'discarded')`, [viewId, `${round}`])
      return { outcome: 'discarded', changed: removed.length > 0 }
    },

    async getViewState(viewId) {
      checkId(viewId, 'getViewState', 'viewId')
      const [row] = await ex.query(`SELECT state::text AS state FROM ${s}.view_states WHERE view_id = $1`, [viewId])
      return row ? fromJsonText(row.state as string) : undefined
    },

    async setViewState(viewId, state) {
      checkId(viewId, 'setViewState', 'viewId')
      const text = toJsonText(state, 'setViewState', 'state')
      await ex.query(
        `INSERT INTO ${s}.view_states (view_id, state) VALUES ($1, $2::jsonb) ON CONFLICT (view_id) DO UPDATE SET state = EXCLUDED.state`,
        [viewId, text],
      )
    },

    async listViews() {
      const rows = await ex.query(`SELECT view_id FROM ${s}.view_states ORDER BY view_id COLLATE "C"`)
      return rows.map((row) => row.view_id as string)
    },

    async getCursor(name) {
      checkId(name, 'getCursor', 'name')
      const [row] = await ex.query(`SELECT block_number::text AS block_number, log_index::text AS log_index FROM ${s}.cursors WHERE name = $1`, [name])
      return row ? { blockNumber: BigInt(row.block_number as string), logIndex: Number(row.log_index) } : undefined
    },

    async setCursor(name, cursor) {
      checkId(name, 'setCursor', 'name')
      const { blockNumber, logIndex } = checkCursor(cursor, 'setCursor')
      await ex.query(
        `INSERT INTO ${s}.cursors (name, block_number, log_index) VALUES ($1, $2::numeric, $3::bigint)
         ON CONFLICT (name) DO UPDATE SET block_number = EXCLUDED.block_number, log_index = EXCLUDED.log_index`,
        [name, `${blockNumber}`, `${logIndex}`],
      )
    },

    async markProcessed(event) {
      const { txHash, logIndex } = checkEventKey(event, 'markProcessed')
      const rows = await ex.query(
        `INSERT INTO ${s}.processed_events (tx_hash, log_index) VALUES ($1, $2::bigint) ON CONFLICT DO NOTHING RETURNING 1 AS ok`,
        [txHash, `${logIndex}`],
      )
      return rows.length === 1
    },

    async isProcessed(event) {
      const { txHash, logIndex } = checkEventKey(event, 'isProcessed')
      const rows = await ex.query(`SELECT 1 AS ok FROM ${s}.processed_events WHERE tx_hash = $1 AND log_index = $2::bigint`, [txHash, `${logIndex}`])
      return rows.length === 1
    },
  })
}

/** Wraps every operation so driver errors become `StorageError` `Driver`. @internal */
function wrapped(operations: StorageOperations): StorageOperations {
  const out: Record<string, unknown> = {}
  for (const [name, fn] of Object.entries(operations) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    out[name] = async (...args: unknown[]) => {
      try {
        return await fn(...args)
      } catch (error) {
        throw driverError(error, name)
      }
    }
  }
  return out as unknown as StorageOperations
}

/**
 * Builds a SQL-backed adapter over `driver`, creating its tables in `schema` on first use.
 *
 * @internal
 */
export function createSqlStorage(parameters: { readonly kind: string; readonly driver: SqlDriver; readonly schema: string }): StorageAdapter {
  const { kind, driver, schema } = parameters
  let ready: Promise<void> | undefined
  const init = (operation: string) => {
    ready ??= migrate(driver, schema, operation).catch((error: unknown) => {
      ready = undefined // not cached: the next call retries (the server may come back)
      throw error
    })
    return ready
  }
  const operations = sqlOperations(schema)

  const engine: Engine<Context> = {
    async run(access, fn) {
      await init('open')
      if (access !== 'multi') return fn({ ex: driver, depth: 0 })
      try {
        return await driver.transaction((ex) => fn({ ex, depth: 0 }))
      } catch (error) {
        throw driverError(error, 'transaction')
      }
    },
    async transaction(fn) {
      await init('open')
      let failure: { error: unknown } | undefined
      try {
        return await driver.transaction(async (ex) => {
          try {
            return await fn({ ex, depth: 0 })
          } catch (error) {
            failure = { error }
            throw error
          }
        })
      } catch (error) {
        // The caller's own error comes back as is; BEGIN/COMMIT failures become StorageError.
        if (failure && error === failure.error) throw error
        throw driverError(error, 'transaction')
      }
    },
    async nested(context, fn) {
      const savepoint = `lensync_${context.depth}`
      await context.ex.query(`SAVEPOINT ${savepoint}`)
      try {
        const result = await fn({ ex: context.ex, depth: context.depth + 1 })
        await context.ex.query(`RELEASE SAVEPOINT ${savepoint}`)
        return result
      } catch (error) {
        await context.ex.query(`ROLLBACK TO SAVEPOINT ${savepoint}`).catch(() => undefined)
        await context.ex.query(`RELEASE SAVEPOINT ${savepoint}`).catch(() => undefined)
        throw error
      }
    },
    async close() {
      await ready?.catch(() => undefined)
      await driver.close()
    },
  }

  return createAdapter({ kind, engine, operations: (context) => wrapped(operations(context)) })
}
