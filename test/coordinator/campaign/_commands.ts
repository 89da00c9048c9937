/**
 * The campaign's commands (fast-check `AsyncCommand`s over {@link Model} and the real {@link System}).
 * Each command's `toString` is what a failure prints, so a printed sequence reads as a script.
 */
import fc from 'fast-check'
import { type FaultPoint, faultPoints } from 'lensync/coordinator'
import { addObservation } from '../../_helpers/fixtures.js'
import { READ, READ_WRITE } from '../integration/_harness.js'
import { checkSafety, checkSettled } from './_invariants.js'
import { type System, type Who, everyone } from './_system.js'

/** What the campaign expects of the system (the real checks are the invariants). */
export interface Model {
  /** Whether the doctor holds WRITE on the clinical view. */
  doctorWrites: boolean
}

type Command = fc.AsyncCommand<Model, System>

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

abstract class Base implements Command {
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

/** `who` edits the clinical view (adds an observation). */
class Update extends Base {
  constructor(readonly who: 'patient' | 'doctor', readonly value: number) {
    super()
  }
  async act(_model: Model, system: System) {
    const id = system.observationId()
    await system.run(this.who, (peer) => peer.update(system.clinical, addObservation(id, this.value)))
  }
  toString = () => `update(${this.who}, ${this.value})`
}

/** One `sync()` of `who` (the order of syncs reorders deliveries). */
class Sync extends Base {
  constructor(readonly who: Who) {
    super()
  }
  async act(_model: Model, system: System) {
    await system.run(this.who, (peer) => peer.sync())
  }
  toString = () => `sync(${this.who})`
}

/** `who` crashes the next time it reaches `point`, and is restarted over the same store. */
class Crash extends Base {
  constructor(readonly who: Who, readonly point: FaultPoint) {
    super()
  }
  async act(_model: Model, system: System) {
    system.plan = { who: this.who, point: this.point }
  }
  toString = () => `crash(${this.who}, '${this.point}')`
}

/** The chain's clock passes every deadline and grace window (a member that never acks). */
class Expire extends Base {
  async act(_model: Model, system: System) {
    await system.expire()
  }
  toString = () => 'expire()'
}

/** The patient gives the doctor READ only, or READ | WRITE again (a membership change). */
class ToggleWrite extends Base {
  async act(model: Model, system: System) {
    const permissions = model.doctorWrites ? READ : READ_WRITE
    const done = await system.run('patient', (peer) => peer.setMember(system.clinical, { address: system.handles.doctor.account.address, permissions }))
    if (done !== undefined) model.doctorWrites = !model.doctorWrites
  }
  toString = () => 'toggleWrite()'
}

/** The doctor proposes with a payload that does not match its commitment; the patient fetches it. */
class HostileProposal extends Base {
  constructor(readonly value: number) {
    super()
  }
  async act(_model: Model, system: System) {
    system.tamper = true
    try {
      const id = system.observationId()
      await system.run('doctor', (peer) => peer.update(system.clinical, addObservation(id, this.value)))
      await system.run('patient', (peer) => peer.sync())
    } finally {
      system.tamper = false
    }
  }
  toString = () => `hostileProposal(${this.value})`
}

/**
 * The doctor proposes with a payload whose signature does not recover to it; the patient fetches it.
 * A final refusal: never staged nor promoted (the safety invariant), the controller cancels the round.
 */
class WronglySignedProposal extends Base {
  constructor(readonly value: number) {
    super()
  }
  async act(_model: Model, system: System) {
    const crashes = system.crashes.length
    const planned = system.plan !== undefined
    system.forgeSignature = true
    try {
      const id = system.observationId()
      const proposed = await system.run('doctor', (peer) => peer.update(system.clinical, addObservation(id, this.value)))
      const before = system.handles.patient.peer.log.filter((e) => e.kind === 'refused' && e.reason === 'BadSignature').length
      await system.run('patient', (peer) => peer.sync())
      // A planned crash may interrupt either peer: then only the invariants are checked.
      if (proposed === undefined || planned || system.crashes.length > crashes) return
      const after = system.handles.patient.peer.log.filter((e) => e.kind === 'refused' && e.reason === 'BadSignature').length
      if (after === before) throw new Error(`${this.toString()}: the patient did not refuse the wrongly signed payload (BadSignature); its log: ${JSON.stringify(system.handles.patient.peer.log.slice(-4), (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))}`)
    } finally {
      system.forgeSignature = false
    }
  }
  toString = () => `wronglySignedProposal(${this.value})`
}

/** The doctor's payloads cannot be fetched for one round of syncs (a delayed delivery). */
class Delay extends Base {
  async act(_model: Model, system: System) {
    system.offline = true
    try {
      for (const who of everyone) await system.run(who, (peer) => peer.sync())
    } finally {
      system.offline = false
    }
  }
  toString = () => 'delay()'
}

/** Every peer syncs until quiet; then the settled invariants hold. */
class Settle extends Base {
  async act(_model: Model, system: System) {
    await system.settleFully()
    assertNone(await checkSettled(system), this.toString())
  }
  toString = () => 'settle()'
}

const who = fc.constantFrom<Who>(...everyone)
const value = fc.integer({ min: 40, max: 200 })

/** Every command of the campaign, weighted towards rounds and syncs. */
export const commands: fc.Arbitrary<Command>[] = [
  fc.tuple(fc.constantFrom<'patient' | 'doctor'>('patient', 'doctor'), value).map(([w, v]) => new Update(w, v)),
  who.map((w) => new Sync(w)),
  who.map((w) => new Sync(w)),
  fc.tuple(who, fc.constantFrom(...faultPoints)).map(([w, p]) => new Crash(w, p)),
  fc.constant(new Expire()),
  fc.constant(new ToggleWrite()),
  value.map((v) => new HostileProposal(v)),
  value.map((v) => new WronglySignedProposal(v)),
  fc.constant(new Delay()),
  fc.constant(new Settle()),
]

export { Settle }
