/**
 * Whether removing `list[0][key]` empties the first of several items: `path` removes the emptied
 * item and the next one shifts into its place, outside the documented conditions of its PutGet and
 * PutPut. Law checks of paths through `list[0]` draw sources for which this is false.
 */
export const shiftsOnRemove = (list: readonly Record<string, unknown>[] | undefined, key: string): boolean =>
  list !== undefined && list.length > 1 && Object.keys(list[0]!).every((k) => k === key)
