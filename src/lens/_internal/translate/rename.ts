/**
 * Edit translation through `Rename`: the renamed member (and its `_` sibling) is renamed back in
 * both `path` and `from`; using the old name in the view is `ViewOutOfRange`. Root operations use the
 * fallback.
 *
 * @internal
 */
import type { RenameLens } from '../../rename.js'
import type { AnyLens } from './ops.js'
import { objectProjector, objectTranslator } from './objects.js'

const names = (lens: AnyLens) => {
  const { from, to } = lens as RenameLens<unknown, unknown>
  return { from, to, _from: `_${from}`, _to: `_${to}` }
}

/** @internal */
export const translateRename = objectTranslator((lens) => {
  const { from, to, _from, _to } = names(lens)
  return (k) =>
    k === to
      ? from
      : k === _to
        ? _from
        : k === from || k === _from
          ? { error: `the view uses "${k}", the name this lens renames to "${k === from ? to : _to}"; use the new name.` }
          : k
})

/** @internal */
export const projectRename = objectProjector((lens) => {
  const { from, to, _from, _to } = names(lens)
  // A source member already named like the view name makes `get` fail (DuplicateKey): fall back.
  return (k) => (k === from ? to : k === _from ? _to : k === to || k === _to ? null : k)
})
