// The campaign on PGlite storage (one database, a schema per peer); see `_suite.ts`.
import { describeCampaign } from './_suite.js'
import { pgliteKind } from './_storageKinds.js'

describeCampaign('pglite', pgliteKind, 25)
