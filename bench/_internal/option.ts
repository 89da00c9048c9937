/** Unwraps an fp-ts `Option` (monocle-ts) or an effect `Result` to a plain value or `undefined`. */
export function someOrUndefined(option: { readonly _tag: string; readonly value?: unknown; readonly success?: unknown }): unknown {
  if (option._tag === 'Some') return option.value
  if (option._tag === 'Success') return option.success
  return undefined
}

/**
 * monocle-ts's `index`/`findFirst` take an Optional onto a `ReadonlyArray`, and its Optional is
 * invariant, while FHIR types use mutable arrays: a type-only widening (the value is unchanged).
 */
export function readonlyItems<S, A>(optional: { getOption: (s: S) => unknown; set: (a: A[]) => (s: S) => S }): {
  getOption: (s: S) => import('fp-ts/Option').Option<readonly A[]>
  set: (a: readonly A[]) => (s: S) => S
} {
  return optional as never
}
