/**
 * The campaign's commands (fast-check `AsyncCommand`s over {@link Model} and the real {@link System}).
 * Each command's `toString` is what a failure prints, so a printed sequence reads as a script.
 */
import fc from 'fast-check'
import { type FaultPoint, faultPoints } from 'lensync/coordinator'
import { addObservation } from '../../_helpers/fixtures.js'
import { READ, READ_WRITE } from '../integration/_harness.js'
import { attacks } from './_attacks.js'
import { Base, type Command, type Model, assertNone, stringify } from './_command.js'
import { checkSettled } from './_invariants.js'
import { type Hostility, type System, type Who, everyone, hostilities } from './_system.js'

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

/**
 * The doctor proposes a round whose payload is hostile (`hostilities`: tampered, wrongly signed or
 * oversized); the patient fetches it. A final refusal: never staged nor promoted (the safety
 * invariant), logged with its reason, and the controller cancels the round.
 */
class HostileProposal extends Base {
  constructor(readonly hostility: Hostility, readonly value: number) {
    super()
  }
  async act(_model: Model, system: System) {
    const crashes = system.crashes.length
    const planned = system.plan !== undefined
    const reason = hostilities[this.hostility]
    const refusals = () => system.handles.patient.peer.log.filter((e) => e.kind === 'refused' && e.reason === reason).length
    system.hostility = this.hostility
    try {
      const id = system.observationId()
      const proposed = await system.run('doctor', (peer) => peer.update(system.clinical, addObservation(id, this.value)))
      const before = refusals()
      await system.run('patient', (peer) => peer.sync())
      // A planned crash may interrupt either peer: then only the invariants are checked.
      if (proposed === undefined || planned || system.crashes.length > crashes) return
      if (refusals() === before) throw new Error(`${this.toString()}: the patient did not refuse the payload (${reason}); its log: ${stringify(system.handles.patient.peer.log.slice(-4))}`)
    } finally {
      system.hostility = undefined
    }
  }
  toString = () => `hostileProposal('${this.hostility}', ${this.value})`
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
  fc.tuple(fc.constantFrom<Hostility>('tampered', 'wronglySigned', 'oversized', 'unsigned'), value).map(([h, v]) => new HostileProposal(h, v)),
  fc.constant(new Delay()),
  fc.constant(new Settle()),
  ...attacks,
]

export { HostileProposal, Settle }
