/**
 * Dispatch by lens `_tag` to the per-kind translators.
 *
 * @internal
 */
import { translateCompose, projectCompose } from './compose.js'
import { projectFallback, translateFallback } from './custom.js'
import { projectIdentity, translateIdentity } from './identity.js'
import { projectPath, translatePath } from './path.js'
import { projectFilter, translateFilter } from './filter.js'
import { projectKeyed, translateKeyed } from './keyed.js'
import { projectMap, translateMap } from './map.js'
import { projectOmit, projectPick, translateOmit, translatePick } from './pick.js'
import { projectRedact, translateRedact } from './redact.js'
import { projectRename, translateRename } from './rename.js'
import { projectUnder, translateUnder } from './under.js'
import { projectValidate, translateValidate } from './validate.js'
import type { AnyLens, Context, KindTranslator, Op } from './ops.js'

import type { LensTag } from '../../Lens.js'
import { otherTag } from '../otherTag.js'

interface Entry {
  readonly translate: KindTranslator
  readonly project: KindTranslator
}

const identity: Entry = { translate: translateIdentity, project: projectIdentity }
const path: Entry = { translate: translatePath, project: projectPath }
const compose: Entry = { translate: translateCompose, project: projectCompose }
const pick: Entry = { translate: translatePick, project: projectPick }
const omit: Entry = { translate: translateOmit, project: projectOmit }
const rename: Entry = { translate: translateRename, project: projectRename }
const map: Entry = { translate: translateMap, project: projectMap }
const keyed: Entry = { translate: translateKeyed, project: projectKeyed }
const filter: Entry = { translate: translateFilter, project: projectFilter }
const redact: Entry = { translate: translateRedact, project: projectRedact }
const validate: Entry = { translate: translateValidate, project: projectValidate }
const under: Entry = { translate: translateUnder, project: projectUnder }
/** The state-based fallback: put (or get), then a diff of the touched subtree. */
const fallback: Entry = { translate: translateFallback, project: projectFallback }

/** The translators of a node kind: precise ones, or the state-based fallback. */
function entry(tag: LensTag): Entry {
  switch (tag) {
    case 'Identity': return identity
    case 'Path': return path
    case 'Compose': return compose
    case 'Pick': return pick
    case 'Omit': return omit
    case 'Rename': return rename
    case 'Map': return map
    case 'Keyed': return keyed
    case 'Filter': return filter
    case 'Redact': return redact
    case 'Validate': return validate
    case 'Under': return under
    case 'Custom': case 'Iso': case 'Defaults': case 'ByType': case 'Over': case 'Primitives':
      return fallback
    default:
      return otherTag(tag, fallback)
  }
}

/** @internal */
export const context: Context = {
  translate(lens: AnyLens, source: unknown, ops: readonly Op[]): Op[] {
    return ops.length === 0 ? [] : entry(lens._tag).translate(lens, source, ops, context)
  },
  project(lens: AnyLens, source: unknown, ops: readonly Op[]): Op[] {
    return ops.length === 0 ? [] : entry(lens._tag).project(lens, source, ops, context)
  },
}
