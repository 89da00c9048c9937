/**
 * What every campaign command shares: the model, the per-command timing report and the safety check
 * after each command.
 */
import type fc from 'fast-check'
import { checkSafety } from './_invariants.js'
import type { System } from './_system.js'

/** What the campaign expects of the system (the real checks are the invariants). */
export interface Model {
  /** Whether the doctor holds WRITE on the clinical view. */
  doctorWrites: boolean
}

export type Command = fc.AsyncCommand<Model, System>

/** Time spent per command kind (ms), for the campaign's report. */
export const timings = {
  total: new Map<string, { count: number; ms: number }>(),
  add(name: string, ms: number) {
    const t = this.total.get(name) ?? { count: 0, ms: 0 }
    this.total.set(name, { count: t.count + 1, ms: t.ms + ms })
  },
  report(): string {
    return [...this.total].map(([name, t]) => `${name} ${t.count}× ${(t.ms / t.count).toFixed(0)} ms`).join(', ')
  },
}

/** Fails with every violation found. */
export function assertNone(violations: readonly string[], after: string): void {
  if (violations.length > 0) throw new Error(`invariant broken after ${after}:\n  - ${violations.join('\n  - ')}`)
}

/** `value` as JSON, bigints as strings (for failure messages). */
export const stringify = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))

export abstract class Base implements Command {
  check = (): boolean => true
  abstract act(model: Model, system: System): Promise<void>
  async run(model: Model, system: System): Promise<void> {
    const started = Date.now()
    await this.act(model, system)
    timings.add(this.constructor.name, Date.now() - started)
    assertNone(await checkSafety(system), this.toString())
  }
  abstract toString(): string
}

