/**
 * # lensync embedded in an EHR
 *
 * `npx tsx examples/ehr/main.ts`: a hospital's FHIR server holds a patient's record; the hospital's
 * EHR backend ({@link startEhr}) embeds the patient's lensync peer over that FHIR server, with the
 * peer's transport mounted on the EHR's own `/lensync` route. A doctor and a researcher run peers of
 * their own (their own HTTP transports and databases), holding the clinical and the research view.
 *
 * A clinician then edits the record in the EHR's own UI, which writes straight to the FHIR API (a
 * `PUT` with `If-Match`, lensync not involved). At its next sync the patient's peer sees the outside
 * write and turns it into a round on each view it affects; the doctor's and the researcher's views
 * follow. Everything runs on a local anvil with the real ViewCoordinator contract.
 *
 * @since 0.2.0
 */
import { pathToFileURL } from 'node:url'
import { type Address, createPublicClient, createWalletClient, getAddress, http, type LocalAccount } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { chainRoster, createPeer, deployCoordinator, httpTransport, type HttpTransport, type Peer, READ, settle, WRITE } from 'lensync/coordinator'
import type { Bundle } from 'lensync/lens'
import { memoryStorage } from 'lensync/storage/memory'
import { startAnvil } from '../../tools/anvil.js'
import { clinicalView, researchView } from '../views.js'
import { startEhr, type Ehr } from './ehrServer.js'
import { startFhirServer, type FhirTestServer } from './fhirServer.js'

const MNEMONIC = 'test test test test test test test test test test test junk'

/** The patient's record as the hospital's FHIR server holds it (a Patient and its compartment). */
export const RECORD_ID = 'Patient/p1/$everything'
const subject = { reference: 'Patient/p1' }
const record: Bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    { fullUrl: 'urn:uuid:p1', resource: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Synthetic', given: ['Alex'] }], gender: 'female', birthDate: '1984-06-14', telecom: [{ system: 'phone', value: '+31 20 555 0100' }] } },
    { fullUrl: 'urn:uuid:c1', resource: { resourceType: 'Condition', id: 'c1', code: { text: 'Diabetes mellitus type 2' }, subject } },
    { fullUrl: 'urn:uuid:o1', resource: { resourceType: 'Observation', id: 'o1', status: 'final', code: { text: 'Hemoglobin A1c' }, subject, valueQuantity: { value: 7.2, unit: '%' } } },
  ],
} as Bundle

/** The running scenario, for the test to look into; `close()` stops everything. */
export interface EhrScenario {
  readonly fhir: FhirTestServer
  readonly ehr: Ehr
  readonly doctor: Peer
  readonly researcher: Peer
  readonly clinical: `0x${string}`
  readonly research: `0x${string}`
  /** Syncs every peer until none has anything left to do. */
  settle(): Promise<void>
  /** A clinician's edit in the EHR's UI: a conditional PUT straight to the FHIR API. */
  clinicianEdit(path: string, change: (resource: Record<string, unknown>) => Record<string, unknown>): Promise<void>
  close(): Promise<void>
}

/** Starts anvil, the FHIR server, the EHR with the patient's peer, and the doctor's and researcher's peers; shares both views. */
export async function startScenario(): Promise<EhrScenario> {
  const closers: (() => Promise<unknown>)[] = []
  const close = async () => {
    for (const c of closers.splice(0).reverse()) await c().catch(() => undefined)
  }
  try {
    const anvil = await startAnvil({ accounts: 3 })
    closers.push(() => anvil.stop())
    const fhir = await startFhirServer()
    closers.push(() => fhir.stop())
    const account = (addressIndex: number): LocalAccount => mnemonicToAccount(MNEMONIC, { addressIndex })
    const [patientAccount, doctorAccount, researcherAccount] = [account(0), account(1), account(2)]
    const rpc = http(anvil.rpcUrl)
    const publicClient = createPublicClient({ chain: foundry, transport: rpc, pollingInterval: 50, cacheTime: 0 })
    const wallet = (account: LocalAccount) => createWalletClient({ account, chain: foundry, transport: rpc, pollingInterval: 50 })
    const { address: coordinator, receipt } = await deployCoordinator(wallet(patientAccount))
    const roster = chainRoster(publicClient, { coordinator, fromBlock: receipt.blockNumber })
    const urls = new Map<Address, string>()
    const directory = (address: Address) => urls.get(getAddress(address))
    const base = { publicClient, coordinator, fromBlock: receipt.blockNumber, roster }

    const ehr = await startEhr({ ...base, fhirBaseUrl: fhir.baseUrl, account: patientAccount, walletClient: wallet(patientAccount), directory })
    closers.push(() => ehr.close())
    urls.set(getAddress(patientAccount.address), ehr.transportUrl)

    const outsidePeer = async (account: LocalAccount): Promise<Peer> => {
      const transport: HttpTransport = await httpTransport({ account, chainId: foundry.id, coordinator, roster, directory })
      closers.push(() => transport.close())
      urls.set(getAddress(account.address), transport.url)
      return createPeer({ ...base, account, walletClient: wallet(account), storage: memoryStorage(), transport })
    }
    const doctor = await outsidePeer(doctorAccount)
    const researcher = await outsidePeer(researcherAccount)

    // The patient's peer writes its record into the FHIR server and shares two views of it.
    await ehr.peer.putRecord(RECORD_ID, record)
    const { viewId: clinical } = await ehr.peer.shareView({ recordId: RECORD_ID, lens: clinicalView, peers: [{ address: doctor.address, permissions: READ | WRITE }] })
    const { viewId: research } = await ehr.peer.shareView({ recordId: RECORD_ID, lens: researchView, peers: [{ address: researcher.address, permissions: READ }] })
    await doctor.joinView({ viewId: clinical, recordId: 'clinical' })
    await researcher.joinView({ viewId: research, recordId: 'research' })

    const fhirJson = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const response = await fetch(`${fhir.baseUrl}/${path}`, { method, headers: { 'content-type': 'application/fhir+json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) })
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
      return (await response.json()) as Record<string, unknown> & { meta: { versionId: string } }
    }
    return {
      fhir,
      ehr,
      doctor,
      researcher,
      clinical,
      research,
      settle: async () => void (await settle([ehr.peer, doctor, researcher])),
      clinicianEdit: async (path, change) => {
        const current = await fhirJson('GET', path)
        const next = { ...change(structuredClone(current)), meta: { ...current.meta, author: { reference: 'Practitioner/pr1', display: 'Dr. Outside' } } }
        await fhirJson('PUT', path, next, { 'if-match': `W/"${current.meta.versionId}"` })
      },
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

/** The value of Observation o1 in a view, or `undefined`. */
export const a1c = (view: unknown): unknown =>
  ((view as Bundle).entry?.find((e) => e.resource?.id === 'o1')?.resource as { valueQuantity?: { value?: number } } | undefined)?.valueQuantity?.value

async function main(): Promise<void> {
  const s = await startScenario()
  try {
    console.log('HbA1c in the doctor’s view:', a1c(await s.doctor.view(s.clinical)))
    // Output: HbA1c in the doctor’s view: 7.2
    await s.clinicianEdit('Observation/o1', (o) => ({ ...o, valueQuantity: { value: 6.8, unit: '%' } }))
    await s.settle() // in production each peer runs peer.start(), which syncs in the background
    console.log('HbA1c in the doctor’s view:', a1c(await s.doctor.view(s.clinical)))
    // Output: HbA1c in the doctor’s view: 6.8
    console.log('HbA1c in the researcher’s view:', a1c(await s.researcher.view(s.research)))
    // Output: HbA1c in the researcher’s view: 6.8
    console.log('written outside lensync:', await s.ehr.storage.outsideWrites(RECORD_ID))
    // Output: written outside lensync: [ { ref: 'Observation/o1', versionId: '…', lastUpdated: '…', author: 'Practitioner/pr1' } ]
  } finally {
    await s.close()
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
