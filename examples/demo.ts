/**
 * # The lensync demo: a patient, a doctor and a researcher
 *
 * `npm run demo` (= `tsx examples/demo.ts`) tells the story lensync exists for, on a real EVM chain
 * with the real ViewCoordinator contract, each peer with its own PGlite database:
 *
 * 1. The patient holds a full synthetic FHIR record and shares two views of it: a clinical view with
 *    the doctor (READ|WRITE) and a de-identified view with a researcher (READ).
 * 2. The doctor adds an Observation; 3. the doctor changes a medication dose. The patient's record and
 *    the researcher's view receive exactly the corresponding change (the translated patches are printed).
 * 4. The researcher tries to write: its own peer refuses before anything is published (a typed
 *    `MissingPermission` error, `source: 'local'`), and the contract refuses the same proposal sent
 *    straight to it (`MissingPermissionError`).
 * 5. The patient corrects a typo in an allergy; the doctor's view follows.
 * 6. The doctor is offline during a round: nobody can proceed without its ack, the round expires and
 *    everyone rolls back; once the doctor is back the patient retries.
 * 7. The patient revokes the researcher (`removeMember`); the researcher's peer marks the view revoked,
 *    cannot edit it any more, and receives nothing after that.
 * 8. Every peer prints what it holds and the contract's history of each view; the demo checks that
 *    every peer's view equals `lens.get` of the patient's record and exits 1 if not.
 *
 * ## Options
 * - (none): starts an embedded anvil (the `@foundry-rs/anvil` npm package) on a free loopback port,
 *   deploys, runs, stops it. Step 6 advances the chain's clock with anvil's `evm_increaseTime`.
 * - `--rpc-url URL --private-keys k1,k2,k3` (or `LENSYNC_RPC_URL`, `LENSYNC_PRIVATE_KEYS`): runs
 *   against an existing EVM chain with three funded accounts (patient, doctor, researcher). No test
 *   methods are used: step 6 waits for the chain's clock to pass the real deadline (`--ttl`, 90 s by
 *   default; a chain that mines only on demand gets one 0-value transfer to produce a later block),
 *   then the peers' `sync` calls `expireRound`; with `--ttl` above 300 s the step is skipped (said so
 *   in the output).
 * - `--ttl SECONDS`: the TTL of every round (default 3600 on anvil, 90 on an RPC chain).
 *
 * Exit code: 0 when every check passed and every peer ends consistent, 1 otherwise.
 *
 * @since 0.1.0
 */
import { isDeepStrictEqual } from 'node:util'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import type { Hex } from 'viem'
import {
  getView,
  isPeerError,
  isTransportError,
  MissingPermissionError,
  type Peer,
  type PeerLogEntry,
  permissionsOf,
  proposeUpdate,
  READ,
  settle,
  WRITE,
} from 'lensync/coordinator'
import { applyPatch, type Lens, type Patch, project, translate } from 'lensync/lens'
import type { AllergyIntolerance, Bundle, BundleEntry, MedicationRequest, Observation } from 'lensync/lens'
import { formatPatch, formatRound, historyTable, type Names, roundGas, roundLatency, short, summarize, type TimedEntry, thousands } from './_demo/report.js'
import { ROLES, type Role, startWorld, type World } from './_demo/world.js'
import { syntheticRecord } from './syntheticRecord.js'
import { clinicalView, researchView } from './views.js'

/** The longest real deadline the demo waits for on an RPC chain (step 6). */
const MAX_REAL_WAIT = 300

/** Parsed command line. */
interface Options {
  readonly rpcUrl: string | undefined
  readonly privateKeys: `0x${string}`[] | undefined
  readonly ttl: number
}

function parseOptions(args: readonly string[], env: NodeJS.ProcessEnv): Options | 'help' {
  const { values } = parseArgs({
    args: [...args],
    options: {
      'rpc-url': { type: 'string' },
      'private-keys': { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help === true) return 'help'
  // Empty values count as unset (e.g. `LENSYNC_RPC_URL= npm run demo`).
  const rpcUrl = values['rpc-url'] || env.LENSYNC_RPC_URL || undefined
  const keys = values['private-keys'] || env.LENSYNC_PRIVATE_KEYS || undefined
  const privateKeys = keys
    ?.split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0)
    .map((k) => (k.startsWith('0x') ? k : `0x${k}`) as `0x${string}`)
  const bad = privateKeys?.findIndex((k) => !/^0x[0-9a-fA-F]{64}$/.test(k)) ?? -1
  if (bad >= 0) throw new Error(`--private-keys: key ${bad + 1} is not 32 bytes of hex.`)
  if (rpcUrl !== undefined && privateKeys === undefined) throw new Error('--rpc-url needs --private-keys k1,k2,k3 (patient, doctor, researcher).')
  const ttl = Number(values.ttl ?? (rpcUrl === undefined ? 3600 : 90))
  if (!Number.isSafeInteger(ttl) || ttl < 1) throw new Error(`--ttl must be a positive number of seconds, got ${values.ttl}.`)
  return { rpcUrl, privateKeys, ttl }
}

const HELP = `Usage: npm run demo [-- --rpc-url URL --private-keys k1,k2,k3] [--ttl SECONDS]
  (no options)        embedded anvil on a free loopback port
  --rpc-url URL       an existing EVM chain (env LENSYNC_RPC_URL)
  --private-keys ...  funded keys of patient, doctor, researcher (env LENSYNC_PRIVATE_KEYS)
  --ttl SECONDS       round TTL (default 3600 on anvil, 90 on an RPC chain)`

/**
 * Runs the demo; resolves with the exit code (0: every check passed, every peer consistent).
 *
 * @param args - command-line arguments (without `node` and the script)
 */
export async function main(args: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const options = parseOptions(args, env)
  if (options === 'help') {
    console.log(HELP)
    return 0
  }
  const started = performance.now()
  const print = (line = '') => console.log(line)
  const timed: TimedEntry[] = []
  const viewNames = new Map<string, string>()
  const roleOf = new Map<string, Role>()
  const names: Names = {
    address: (a) => roleOf.get(a.toLowerCase()) ?? short(a),
    view: (v) => viewNames.get(v.toLowerCase()) ?? short(v),
  }
  const failures: string[] = []
  const check = (ok: boolean, what: string) => {
    print(`    ${ok ? '✓' : '✗'} ${what}`)
    if (!ok) failures.push(what)
  }
  const onLog = (role: Role, entry: PeerLogEntry) => {
    timed.push({ who: role, at: performance.now(), entry })
    const why =
      entry.reason !== undefined ? ` — ${entry.reason}${entry.message ? `: ${entry.message}` : ''}` : entry.kind === 'revoked' && entry.message ? ` — ${entry.message}` : ''
    print(`      [${role.padEnd(10)}] ${entry.kind.padEnd(10)} ${names.view(entry.viewId).padEnd(8)} round ${entry.round}${entry.hash ? `  tx ${short(entry.hash, 8)}` : ''}${why}`)
  }

  print('lensync demo — a patient, a doctor and a researcher share views of one FHIR record')
  print()
  let world: World | undefined
  const stopOnSignal = () => {
    void (world?.close() ?? Promise.resolve()).finally(() => process.exit(130))
  }
  process.once('SIGINT', stopOnSignal)
  process.once('SIGTERM', stopOnSignal)
  try {
    world = await startWorld({ rpcUrl: options.rpcUrl, privateKeys: options.privateKeys, ttl: options.ttl, onLog })
    const w = world
    const { patient, doctor, researcher } = w.participants
    for (const role of ROLES) roleOf.set(w.participants[role].account.address.toLowerCase(), role)
    const everyone = [patient.peer, doctor.peer, researcher.peer]
    const gasCache = new Map<Hex, bigint>()
    const printed = new Map<string, bigint>()

    print(`chain      ${w.mode === 'anvil' ? `embedded anvil at ${w.rpcUrl}` : w.rpcUrl} (chain id ${w.chain.id})`)
    print(`contract   ViewCoordinator ${w.coordinator} (deployed in block ${w.deployBlock}, gas ${thousands(w.deployGas)})`)
    for (const role of ROLES) print(`peer       ${role.padEnd(10)} ${w.participants[role].account.address}  storage: its own PGlite database`)
    print(`round TTL  ${options.ttl} s`)

    const record = async () => (await patient.peer.record('record')) as unknown as Bundle
    const viewOf = async (peer: Peer, viewId: Hex) => (await peer.view(viewId)) as unknown as Bundle
    /** Syncs the peers until no round is open on `viewIds` and none of them holds a staged round. */
    const settleAll = async (peers: readonly Peer[], viewIds: readonly Hex[]) => {
      const deadline = Date.now() + 10 * 60_000
      for (;;) {
        await settle(peers)
        const open = await Promise.all(viewIds.map(async (viewId) => (await getView(w.publicClient, { address: w.coordinator, viewId })).roundOpen))
        const staged = await Promise.all(peers.map(async (p) => (await p.storage.listStaged()).length))
        if (!open.includes(true) && staged.every((n) => n === 0)) return
        if (Date.now() > deadline) throw new Error('the peers did not settle within 10 minutes.')
        await sleep(w.mode === 'anvil' ? 50 : 1000)
      }
    }
    /** Prints every round of `viewIds` that ended since the last call: outcome, gas, latency. */
    const printRounds = async (viewIds: readonly Hex[]) => {
      for (const viewId of viewIds) {
        const history = await patient.peer.history(viewId)
        for (const r of history.rounds) {
          if (r.outcome === 'open' || r.round <= (printed.get(viewId) ?? 0n)) continue
          printed.set(viewId, r.round)
          print(formatRound(names, viewId, r, await roundGas(w.publicClient, r, gasCache), roundLatency(timed, viewId, r.round)))
        }
      }
    }
    let stepNumber = 0
    const step = async (title: string, body: () => Promise<void>) => {
      stepNumber++
      print()
      print(`━━ Step ${stepNumber}. ${title}`)
      const t0 = performance.now()
      await body()
      print(`    (step took ${((performance.now() - t0) / 1000).toFixed(2)} s)`)
    }
    /** The view patch a peer received for `round` of `viewId` (fetched as that peer, from the proposer). */
    const received = async (who: Role, viewId: Hex, round: bigint) =>
      (await w.participants[who].transport.fetch({ viewId, round, from: patient.account.address })).patch

    // ── 1 ───────────────────────────────────────────────────────────────────────────────────────
    let clinical: Hex = '0x'
    let research: Hex = '0x'
    await step('The patient shares two views of its record', async () => {
      await patient.peer.putRecord('record', syntheticRecord({ seed: 7, typo: true }))
      print(`    patient    putRecord 'record': ${summarize(await record())}`)
      const c = await patient.peer.shareView({
        recordId: 'record',
        lens: clinicalView,
        peers: [{ address: doctor.account.address, permissions: READ | WRITE }],
        // The controller's window after a deadline, and the bench of a writer whose round expired.
        grace: options.ttl,
      })
      clinical = c.viewId
      viewNames.set(clinical.toLowerCase(), 'clinical')
      print(`    patient    shareView clinical ${short(clinical, 10)} with doctor (READ|WRITE): commitment ${short(c.commitment)}, gas ${thousands(c.gasUsed)}`)
      const r = await patient.peer.shareView({ recordId: 'record', lens: researchView, peers: [{ address: researcher.account.address, permissions: READ }] })
      research = r.viewId
      viewNames.set(research.toLowerCase(), 'research')
      print(`    patient    shareView research ${short(research, 10)} with researcher (READ): commitment ${short(r.commitment)}, gas ${thousands(r.gasUsed)}`)
      await doctor.peer.joinView({ viewId: clinical, recordId: 'clinical' })
      print(`    doctor     joinView clinical: fetched a snapshot of the current version from the patient, verified against the head on chain: ${summarize(await viewOf(doctor.peer, clinical))}`)
      await researcher.peer.joinView({ viewId: research, recordId: 'research' })
      print(`    researcher joinView research: ${summarize(await viewOf(researcher.peer, research))}`)
      print(`    doctor     sees the Patient as ${JSON.stringify((await viewOf(doctor.peer, clinical)).entry![0]!.resource)}`)
      print(`    researcher sees the Patient as ${JSON.stringify((await viewOf(researcher.peer, research)).entry![0]!.resource)}`)
      const deidentified = JSON.stringify(await viewOf(researcher.peer, research))
      const patientResource = (await record()).entry![0]!.resource as { name: { family: string }[]; birthDate: string }
      check(!deidentified.includes(patientResource.name[0]!.family) && !deidentified.includes(patientResource.birthDate), 'the researcher holds no name and no full birth date')
      const clinicalText = JSON.stringify(await viewOf(doctor.peer, clinical))
      check(!clinicalText.includes('telecom') && !clinicalText.includes('"address"'), 'the doctor holds no phone number and no address')
    })

    // ── 2 ───────────────────────────────────────────────────────────────────────────────────────
    await step('The doctor adds an Observation (fasting glucose)', async () => {
      const before = await record()
      const researchBefore = await viewOf(researcher.peer, research)
      const glucose: BundleEntry = {
        fullUrl: 'urn:uuid:0b9f3c2e-6a41-4d2b-9c7e-3f1a2b4c5d6e',
        resource: {
          resourceType: 'Observation',
          id: 'obs-4',
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '1558-6', display: 'Fasting glucose [Mass/volume] in Serum or Plasma' }] },
          subject: { reference: `Patient/${before.entry![0]!.resource!.id}`, display: 'Alex Rivera' },
          effectiveDateTime: '2026-02-01',
          valueQuantity: { value: 131, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' },
          performer: [{ display: 'Dr. Casey Synthetic' }],
        } as Observation,
      }
      const t0 = performance.now()
      const proposed = await doctor.peer.update(clinical, (view) => {
        const v = view as unknown as Bundle
        return { ...v, entry: [...(v.entry ?? []), glucose] } as never
      })
      print(`    doctor     update clinical → round ${proposed.round} (version ${proposed.version}), proposal gas ${thousands(proposed.gasUsed)}; view patch:`)
      print(formatPatch(proposed.patch))
      await settleAll(everyone, [clinical, research])
      print(`    all peers settled ${(performance.now() - t0).toFixed(0)} ms after the doctor's update`)
      await reportRecordChange(before, clinicalView, proposed.patch)
      const propagated = timed.filter((t) => t.entry.kind === 'propagated' && t.entry.viewId.toLowerCase() === research.toLowerCase() && t.at >= t0)
      check(propagated.length === 1, 'the patient proposed exactly one round on the research view (propagation)')
      for (const t of propagated) {
        const patch = await received('researcher', research, t.entry.round)
        print(`    researcher received (research round ${t.entry.round}):`)
        print(formatPatch(patch))
        check(isDeepStrictEqual(applyPatch(researchBefore, patch), await viewOf(researcher.peer, research)), "the researcher's view = its old view + that patch")
        const text = JSON.stringify(patch)
        check(!text.includes('Alex Rivera') && !text.includes('Casey'), 'the patch carries no name (subject.display and performer are not in the research view)')
      }
      await printRounds([clinical, research])
    })

    /** Prints the record patch the patient applied and checks it against the record. */
    async function reportRecordChange(before: Bundle, lens: Lens<Bundle, Bundle>, viewPatch: Patch): Promise<Patch> {
      const translated = translate(lens, before, viewPatch)
      print('    patient    applied to its full record (translate(clinicalView, record, view patch)):')
      print(formatPatch(translated))
      check(isDeepStrictEqual(applyPatch(before, translated), await record()), "the patient's record = its old record + that patch")
      return translated
    }

    // ── 3 ───────────────────────────────────────────────────────────────────────────────────────
    await step('The doctor changes the metformin dose (500 mg → 1000 mg twice daily)', async () => {
      const before = await record()
      const researchBefore = await viewOf(researcher.peer, research)
      const proposed = await doctor.peer.update(clinical, (view) => {
        const v = view as unknown as Bundle
        return {
          ...v,
          entry: (v.entry ?? []).map((e) => {
            if (e.resource?.id !== 'med-1') return e
            const m = e.resource as MedicationRequest
            const dosage = m.dosageInstruction![0]!
            return {
              ...e,
              resource: {
                ...m,
                dosageInstruction: [{ ...dosage, text: '1000 mg twice daily with meals', doseAndRate: [{ doseQuantity: { ...dosage.doseAndRate![0]!.doseQuantity!, value: 1000 } }] }],
              },
            }
          }),
        } as never
      })
      print(`    doctor     update clinical → round ${proposed.round} (version ${proposed.version}), proposal gas ${thousands(proposed.gasUsed)}; view patch:`)
      print(formatPatch(proposed.patch))
      await settleAll(everyone, [clinical, research])
      const translated = await reportRecordChange(before, clinicalView, proposed.patch)
      const projected = project(researchView, before, translated)
      print(`    research view: project(researchView, record, record patch) = ${JSON.stringify(projected)} — medications are not in it, so no round`)
      check(projected.length === 0 && isDeepStrictEqual(await viewOf(researcher.peer, research), researchBefore), "the researcher's view did not change")
      await printRounds([clinical, research])
    })

    // ── 4 ───────────────────────────────────────────────────────────────────────────────────────
    await step('The researcher tries to write (READ only)', async () => {
      const before = await getView(w.publicClient, { address: w.coordinator, viewId: research })
      const blockBefore = await w.publicClient.getBlockNumber({ cacheTime: 0 })
      try {
        await researcher.peer.update(research, [{ op: 'replace', path: '/entry/1/resource/code/coding/0/display', value: 'Diabetes (edited by the researcher)' }])
        check(false, 'the researcher is refused')
      } catch (error) {
        if (!isPeerError(error)) throw error
        print(`    researcher update research → ${error.name} code=${error.code} source=${error.source}`)
        print(`      "${error.shortMessage}"`)
        check(
          error.code === 'MissingPermission' && error.source === 'local' && (await w.publicClient.getBlockNumber({ cacheTime: 0 })) === blockBefore,
          'refused by its own peer before anything left it (one permissionsOf read: no payload published, no transaction)',
        )
      }
      // The contract enforces the same rule: a researcher that bypasses its peer and proposes directly.
      try {
        await proposeUpdate(researcher.walletClient, {
          address: w.coordinator,
          account: researcher.account,
          viewId: research,
          baseVersion: before.version,
          baseCommitment: before.head,
          newCommitment: before.head,
          ttl: options.ttl,
        })
        check(false, 'the contract refuses a direct proposal by the researcher')
      } catch (error) {
        if (!(error instanceof MissingPermissionError)) throw error
        print(`    researcher proposeUpdate(research) sent straight to the contract → ${error.name} (${error.errorName})`)
        check(true, 'the contract refuses a direct proposal too, with a typed MissingPermissionError')
      }
      await settleAll(everyone, [clinical, research])
      const after = await getView(w.publicClient, { address: w.coordinator, viewId: research })
      check(after.version === before.version && after.round === before.round, `nothing changed on chain (research view still at version ${after.version}, round ${after.round})`)
    })

    // ── 5 ───────────────────────────────────────────────────────────────────────────────────────
    await step('The patient corrects a typo in its allergy ("penicilin" → "penicillin")', async () => {
      const before = await record()
      const index = before.entry!.findIndex((e) => e.resource?.resourceType === 'AllergyIntolerance')
      const allergy = before.entry![index]!.resource as AllergyIntolerance
      print(`    patient    record /entry/${index} AllergyIntolerance: "${allergy.code!.coding![0]!.display}"`)
      const patch: Patch = [{ op: 'replace', path: `/entry/${index}/resource/code/coding/0/display`, value: 'Allergy to penicillin' }]
      print('    patient    updateRecord:')
      print(formatPatch(patch))
      const proposed = await patient.peer.updateRecord('record', patch)
      if (proposed === undefined) throw new Error('the typo fix changed no view')
      print(`    patient    → ${names.view(proposed.viewId)} round ${proposed.round} (version ${proposed.version}), proposal gas ${thousands(proposed.gasUsed)}`)
      await settleAll(everyone, [clinical, research])
      const got = await received('doctor', clinical, proposed.round)
      print(`    doctor     received (clinical round ${proposed.round}):`)
      print(formatPatch(got))
      const doctorView = await viewOf(doctor.peer, clinical)
      const fixed = doctorView.entry!.find((e) => e.resource?.id === allergy.id)!.resource as AllergyIntolerance
      check(fixed.code!.coding![0]!.display === 'Allergy to penicillin', `the doctor's view follows: "${fixed.code!.coding![0]!.display}"`)
      check(project(researchView, before, patch).length === 0, 'allergies are not in the research view: no research round')
      await printRounds([clinical, research])
    })

    /** Moves the chain clock past `target` (a block timestamp): evm_increaseTime on anvil, a real wait on an RPC chain. */
    const passChainTime = async (target: bigint, what: string): Promise<void> => {
      const latest = async () => (await w.publicClient.getBlock({ blockTag: 'latest' })).timestamp
      if (w.testClient !== undefined) {
        const seconds = Math.max(1, Number(target - (await latest())) + 1)
        await w.testClient.increaseTime({ seconds })
        await w.testClient.mine({ blocks: 1 })
        print(`    anvil      evm_increaseTime ${seconds} s + mine: ${what} has passed`)
        return
      }
      // No test methods on a real chain: wait for the chain's clock. Dev chains that mine only on demand
      // need a block after `target`: a 0-value transfer to self provides one.
      const waitS = Number(target - (await latest())) + 1
      print(`    waiting ${Math.max(0, waitS)} s for ${what} (no evm_increaseTime on an RPC chain)…`)
      await sleep(Math.max(0, waitS) * 1000)
      for (let attempt = 0; (await latest()) <= target; attempt++) {
        if (attempt >= 30) throw new Error(`the chain produced no block past ${what} within 60 s.`)
        if (attempt === 0) {
          const hash = await patient.walletClient.sendTransaction({ account: patient.account, chain: w.chain, to: patient.account.address, value: 0n })
          await w.publicClient.waitForTransactionReceipt({ hash })
          print(`    patient    sent a 0-value transaction: the chain mines on demand, and ${what} needs a later block`)
        } else await sleep(2000)
      }
    }

    // ── 6 ───────────────────────────────────────────────────────────────────────────────────────
    await step('The doctor is offline during a round: it expires and everyone rolls back', async () => {
      if (w.mode === 'rpc' && options.ttl > MAX_REAL_WAIT) {
        print(`    SKIPPED: on an RPC chain this step waits for the real deadline, and --ttl is ${options.ttl} s (> ${MAX_REAL_WAIT} s). Re-run with --ttl 60.`)
        return
      }
      const before = await record()
      const doctorBefore = await viewOf(doctor.peer, clinical)
      const latex: BundleEntry = {
        fullUrl: 'urn:uuid:5d1e7a90-2b3c-4f8e-9d6a-1c2b3a4d5e6f',
        resource: {
          resourceType: 'AllergyIntolerance',
          id: 'allergy-2',
          criticality: 'low',
          code: { coding: [{ system: 'http://snomed.info/sct', code: '300916003', display: 'Latex allergy' }] },
          patient: { reference: `Patient/${before.entry![0]!.resource!.id}` },
        } as AllergyIntolerance,
      }
      const addLatex: Patch = [{ op: 'add', path: '/entry/-', value: latex as never }]
      print('    doctor     goes offline (stops syncing)')
      const proposed = await patient.peer.updateRecord('record', addLatex)
      if (proposed === undefined) throw new Error('the new allergy changed no view')
      print(`    patient    updateRecord (adds a latex allergy) → clinical round ${proposed.round}, proposal gas ${thousands(proposed.gasUsed)}`)
      await settle([patient.peer, researcher.peer])
      const open = await getView(w.publicClient, { address: w.coordinator, viewId: clinical })
      print(`    chain      clinical round ${open.round} open, ack mask 0b${open.ackMask.toString(2)} (doctor missing), deadline ${new Date(Number(open.deadline) * 1000).toISOString()}`)
      try {
        await patient.peer.updateRecord('record', [{ op: 'replace', path: '/entry/0/resource/gender', value: 'other' }])
        check(false, 'a second edit is refused while the round is open')
      } catch (error) {
        if (!isPeerError(error, 'RoundOpen')) throw error
        check(true, `a second edit is refused while the round is open (PeerError ${error.code}, ${error.source})`)
      }
      await passChainTime(open.deadline, 'the round deadline')
      await settleAll([patient.peer, researcher.peer], [clinical, research])
      check(isDeepStrictEqual(await record(), before), "the patient's record rolled back (the staged allergy was discarded)")
      print('    doctor     comes back online')
      await settleAll(everyone, [clinical, research])
      check(isDeepStrictEqual(await viewOf(doctor.peer, clinical), doctorBefore), "the doctor's view is unchanged (it never saw the aborted round)")
      await printRounds([clinical, research])
      const { benchedUntil } = await getView(w.publicClient, { address: w.coordinator, viewId: clinical })
      try {
        await patient.peer.updateRecord('record', addLatex)
        check(false, 'the proposer of the expired round is benched')
      } catch (error) {
        if (!isPeerError(error, 'ProposerBenched')) throw error
        check(true, `the proposer of the expired round is benched until ${new Date(Number(benchedUntil) * 1000).toISOString()}: another writer may go first (PeerError ${error.code}, ${error.source})`)
      }
      await passChainTime(benchedUntil - 1n, 'the bench')
      const retry = await patient.peer.updateRecord('record', addLatex)
      print(`    patient    retries the same edit → clinical round ${retry?.round}`)
      await settleAll(everyone, [clinical, research])
      const doctorView = await viewOf(doctor.peer, clinical)
      check(doctorView.entry!.some((e) => e.resource?.id === 'allergy-2'), "the retry completed: the doctor's view has the latex allergy")
      await printRounds([clinical, research])
    })

    // ── 7 ───────────────────────────────────────────────────────────────────────────────────────
    let frozen: { view: Bundle; version: bigint } | undefined
    await step('The patient revokes the researcher', async () => {
      const removed = await patient.peer.removeMember(research, researcher.account.address)
      print(`    patient    removeMember(research, researcher): gas ${thousands(removed.gasUsed)}`)
      frozen = { view: await viewOf(researcher.peer, research), version: (await researcher.peer.viewState(research))!.version }
      print('    researcher syncs and sees its removal on chain:')
      await settle([researcher.peer])
      check((await researcher.peer.viewState(research))?.revoked === true, 'the researcher marked the research view revoked and stopped processing it')
      try {
        await researcher.peer.update(research, (view) => view)
        check(false, 'the researcher can no longer edit the view')
      } catch (error) {
        if (!isPeerError(error, 'NotMember')) throw error
        check(true, `the researcher can no longer edit the view (PeerError ${error.code}, ${error.source})`)
      }
      const hba1c: BundleEntry = {
        fullUrl: 'urn:uuid:9e8d7c6b-5a49-4382-a716-0f1e2d3c4b5a',
        resource: {
          resourceType: 'Observation',
          id: 'obs-5',
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c' }] },
          subject: { reference: `Patient/${(await record()).entry![0]!.resource!.id}` },
          effectiveDateTime: '2026-03-01',
          valueQuantity: { value: 6.9, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
        } as Observation,
      }
      const proposed = await doctor.peer.update(clinical, (view) => {
        const v = view as unknown as Bundle
        return { ...v, entry: [...(v.entry ?? []), hba1c] } as never
      })
      print(`    doctor     adds a follow-up HbA1c → clinical round ${proposed.round}`)
      await settleAll(everyone, [clinical, research])
      await printRounds([clinical, research])
      const last = (await patient.peer.history(research)).rounds.at(-1)!
      try {
        await received('researcher', research, last.round)
        check(false, 'the researcher can no longer fetch the view')
      } catch (error) {
        if (!isTransportError(error)) throw error
        check(error.code === 'Unauthorized', `the researcher can no longer fetch research round ${last.round} (TransportError ${error.code})`)
      }
      const held = await viewOf(researcher.peer, research)
      check(isDeepStrictEqual(held, frozen.view) && !JSON.stringify(held).includes('obs-5'), `the researcher keeps only what it had at version ${frozen.version}; it did not receive the new HbA1c`)
    })

    // ── 8 ───────────────────────────────────────────────────────────────────────────────────────
    await step('What every peer holds, and the history of each view on chain', async () => {
      const full = await record()
      const bindings: { role: Role; viewId: Hex; lens: Lens<Bundle, Bundle> }[] = [
        { role: 'patient', viewId: clinical, lens: clinicalView },
        { role: 'patient', viewId: research, lens: researchView },
        { role: 'doctor', viewId: clinical, lens: clinicalView },
        { role: 'researcher', viewId: research, lens: researchView },
      ]
      print(`    patient    record 'record': ${summarize(full)}`)
      print(`    doctor     record 'clinical': ${summarize((await doctor.peer.record('clinical')) as unknown as Bundle)}`)
      print(`    researcher record 'research': ${summarize((await researcher.peer.record('research')) as unknown as Bundle)}`)
      print()
      print('    consistency (each view a peer holds vs lens.get of the patient\'s record, and the chain):')
      for (const b of bindings) {
        const peer = w.participants[b.role].peer
        const chain = await getView(w.publicClient, { address: w.coordinator, viewId: b.viewId })
        const state = (await peer.viewState(b.viewId))!
        const member = (await permissionsOf(w.publicClient, { address: w.coordinator, viewId: b.viewId, account: peer.address })) !== 0
        const staged = (await peer.storage.listStaged()).length
        const view = await viewOf(peer, b.viewId)
        const label = `${b.role.padEnd(10)} ${names.view(b.viewId).padEnd(8)} v${state.version} (chain v${chain.version}, head ${short(chain.head)})`
        if (member) {
          const ok =
            isDeepStrictEqual(view, b.lens.get(full)) && state.version === chain.version && state.head.toLowerCase() === chain.head.toLowerCase() && staged === 0 && !chain.roundOpen
          check(ok, `${label}: ${ok ? 'consistent' : 'INCONSISTENT'}`)
        } else {
          const ok = frozen !== undefined && isDeepStrictEqual(view, frozen.view) && state.version === frozen.version && staged === 0
          check(ok, `${label}: revoked — keeps its copy of version ${frozen?.version}, receives nothing newer`)
        }
      }
      for (const viewId of [clinical, research]) {
        print()
        print(`    history of the ${names.view(viewId)} view ${short(viewId, 10)} (from the contract's events):`)
        print(await historyTable(w.publicClient, names, await patient.peer.history(viewId), gasCache))
      }
    })

    print()
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    if (failures.length === 0) print(`RESULT: all peers consistent — every check passed (${seconds} s)`)
    else {
      print(`RESULT: FAILED — ${failures.length} check(s) failed (${seconds} s):`)
      for (const f of failures) print(`  ✗ ${f}`)
    }
    return failures.length === 0 ? 0 : 1
  } catch (error) {
    print()
    print('RESULT: FAILED — the demo stopped with an error:')
    console.error(error instanceof Error ? (error.stack ?? error.message) : error)
    return 1
  } finally {
    process.off('SIGINT', stopOnSignal)
    process.off('SIGTERM', stopOnSignal)
    await world?.close()
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
