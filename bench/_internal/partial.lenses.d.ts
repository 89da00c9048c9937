/** The few partial.lenses functions the benchmarks use (the package ships no types). */
declare module 'partial.lenses' {
  type Optic = unknown
  export function get(optic: Optic, data: unknown): unknown
  export function set(optic: Optic, value: unknown, data: unknown): unknown
  export function modify(optic: Optic, fn: (value: never) => unknown, data: unknown): unknown
  export function find(predicate: (value: never, index: number) => boolean): Optic
  export const elems: Optic
}
