/**
 * A peer process that gets killed: opens the storage named in argv, runs one crash scenario and
 * SIGKILLs itself at the chosen point (no close, no cleanup, no flush). Run with
 * `node --import tsx test/storage/_crashChild.ts '<CrashTarget JSON>' <scenario>`.
 */
import type { StorageAdapter } from 'lensync/storage/StorageAdapter'
import type { CrashTarget } from 'lensync/testing'
import { type CrashScenario, promoteInTransaction, setUpStagedRound } from '../../src/testing/_internal/crashScenarios.js'

const [targetJson, scenario] = process.argv.slice(2) as [string, CrashScenario]
const target = JSON.parse(targetJson) as CrashTarget

async function open(): Promise<StorageAdapter> {
  if (target.backend === 'pglite') {
    const { pgliteStorage } = await import('../../src/storage/pglite.js')
    return pgliteStorage({ dataDir: target.dataDir })
  }
  const { postgresStorage } = await import('../../src/storage/postgres.js')
  return postgresStorage({ connectionString: target.connectionString, schema: target.schema })
}

function die(step: string): never {
  process.stdout.write(`reached:${step}\n`, () => undefined)
  // Give stdout a moment to reach the parent, then die without any cleanup.
  const started = Date.now()
  while (Date.now() - started < 50) {
    /* spin: no event loop turn, so nothing else runs */
  }
  process.kill(process.pid, 'SIGKILL')
  throw new Error('unreachable')
}

const storage = await open()
await setUpStagedRound(storage)
if (scenario === 'afterStage') die('staged')
if (scenario === 'insidePromoteTransaction') await promoteInTransaction(storage, async () => die('insideTransaction'))
if (scenario === 'afterPromoteTransaction') {
  await promoteInTransaction(storage)
  die('promoted')
}
throw new Error(`unknown scenario ${scenario}`)
