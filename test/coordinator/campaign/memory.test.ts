// The campaign on memory storage; see `_suite.ts` for what it runs and how to replay a failure.
import { describeCampaign } from './_suite.js'
import { memoryKind } from './_storageKinds.js'

describeCampaign('memory', memoryKind, 160)
