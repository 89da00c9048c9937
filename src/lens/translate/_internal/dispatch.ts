/**
 * Dispatch by lens `_tag` to the per-kind translators.
 *
 * @internal
 */
import { translateCompose, projectCompose } from '../compose.js'
import { projectFallback, translateFallback } from '../custom.js'
import { projectIdentity, translateIdentity } from '../identity.js'
import { projectPath, translatePath } from '../path.js'
import { projectFilter, translateFilter } from '../filter.js'
import { projectKeyed, translateKeyed } from '../keyed.js'
import { projectMap, translateMap } from '../map.js'
import { projectOmit, projectPick, translateOmit, translatePick } from '../pick.js'
import { projectRedact, translateRedact } from '../redact.js'
import { projectRename, translateRename } from '../rename.js'
import { projectUnder, translateUnder } from '../under.js'
import { projectValidate, translateValidate } from '../validate.js'
import type { AnyLens, Context, KindTranslator, Op } from './ops.js'

interface Entry {
  readonly translate: KindTranslator
  readonly project: KindTranslator
}

/** Precise translators by node kind; every other kind uses the state-based fallback. */
const kinds: Record<string, Entry> = {
  Identity: { translate: translateIdentity, project: projectIdentity },
  Path: { translate: translatePath, project: projectPath },
  Compose: { translate: translateCompose, project: projectCompose },
  Pick: { translate: translatePick, project: projectPick },
  Omit: { translate: translateOmit, project: projectOmit },
  Rename: { translate: translateRename, project: projectRename },
  Map: { translate: translateMap, project: projectMap },
  Keyed: { translate: translateKeyed, project: projectKeyed },
  Filter: { translate: translateFilter, project: projectFilter },
  Redact: { translate: translateRedact, project: projectRedact },
  Validate: { translate: translateValidate, project: projectValidate },
  Under: { translate: translateUnder, project: projectUnder },
}

const fallback: Entry = { translate: translateFallback, project: projectFallback }

/** Whether a node kind has a precise translator (for reports and tests). @internal */
export function isPrecise(tag: string): boolean {
  return Object.prototype.hasOwnProperty.call(kinds, tag)
}

const entry = (lens: AnyLens): Entry => (Object.prototype.hasOwnProperty.call(kinds, lens._tag) ? kinds[lens._tag]! : fallback)

/** @internal */
export const context: Context = {
  translate(lens: AnyLens, source: unknown, ops: readonly Op[]): Op[] {
    return ops.length === 0 ? [] : entry(lens).translate(lens, source, ops, context)
  },
  project(lens: AnyLens, source: unknown, ops: readonly Op[]): Op[] {
    return ops.length === 0 ? [] : entry(lens).project(lens, source, ops, context)
  },
}
