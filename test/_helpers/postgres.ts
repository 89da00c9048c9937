/**
 * The PostgreSQL server the tests use: `DATABASE_URL`, or the local one on 127.0.0.1:5432 (user
 * `postgres`, database `test`), and a probe that says why it cannot be used.
 */
import pg from 'pg'

export const connectionString = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'

/** `connectionString` with its password masked, for test names and messages. */
export const shownConnection = connectionString.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')

/** Why PostgreSQL cannot be used (`undefined` when it can). */
export async function postgresUnreachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3000 })
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.query('SELECT 1')
    return undefined
  } catch (error) {
    return `no PostgreSQL server at ${shownConnection} (${(error as Error).message || (error as Error).name}); set DATABASE_URL to run it`
  } finally {
    await client.end().catch(() => undefined)
  }
}
