// The campaign on PostgreSQL storage (`DATABASE_URL`, default postgres://postgres@127.0.0.1:5432/test;
// a schema per peer, dropped afterwards); see `_suite.ts`. Without a reachable server it is skipped
// with the reason, except under `CI=true`, where that fails.
import { test } from 'vitest'
import { describeCampaign } from './_suite.js'
import { postgresKind } from './_storageKinds.js'
import { postgresUnreachable } from '../../_helpers/postgres.js'

const reason = await postgresUnreachable()
if (reason !== undefined && process.env.CI === 'true')
  test(`error: PostgreSQL is required under CI=true: ${reason}`, () => {
    throw new Error(`the PostgreSQL campaign cannot run under CI=true: ${reason}`)
  })
else {
  if (reason !== undefined) console.warn(`[campaign/postgres.test.ts] skipped: ${reason}`)
  describeCampaign('postgres', postgresKind, 15, reason)
}
