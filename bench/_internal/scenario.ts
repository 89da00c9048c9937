/**
 * The shape of a benchmark scenario: one operation, expressed by several implementations.
 */

/** One implementation of a scenario, ready to run: `run()` is the timed operation. */
export interface Prepared {
  /** The operation, called once per iteration. Its return value is the result that is verified. */
  run(): unknown
  /**
   * Called before every `run`, untimed: for an operation that needs fresh input each time (e.g. a
   * digest of a view no cache has seen). Runs are then timed one by one and bytes/op is not reported.
   */
  setup?(): void
}

/** Builds an implementation (builds lenses/optics, generates data); not timed. */
export type Implementation = () => Prepared

/** A benchmark scenario. */
export interface Scenario {
  /** Stable id, e.g. `put-deep` (also the `--filter` key). */
  readonly id: string
  /** One line for the table. */
  readonly title: string
  /**
   * Implementations by library name, `hand-written` first (the floor and the reference result).
   * A library that cannot express the scenario is left out.
   */
  readonly implementations: Readonly<Record<string, Implementation>>
  /**
   * Maps a result to the JSON value that must equal the hand-written one (default: the result itself).
   * E.g. a translated patch is checked by the source it produces, not by its exact operations.
   */
  readonly verify?: (result: unknown) => unknown
  /** Extra figures reported per implementation from its result (e.g. a translated patch's size). */
  readonly report?: (result: unknown) => Readonly<Record<string, number>>
  /** Operations per `run()` (e.g. the ops of a patch, the law checks of one checkLaws call); ns/op divides by it. */
  readonly opsPerRun?: number
  /** With no hand-written implementation: the JSON value `verify(result)` must equal. */
  readonly expected?: unknown
  /** What one op is, for the table (default `op`). */
  readonly unit?: string
}

/** Helper: defines a scenario with its types checked. */
export function defineScenario(scenario: Scenario): Scenario {
  return scenario
}
