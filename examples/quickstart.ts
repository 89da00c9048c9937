/**
 * Quick start: a patient shares a clinical view of its record with a doctor; the doctor edits it and
 * the patient's full record follows. The README's quick start is an excerpt of this file.
 *
 * Run: `npx tsx examples/quickstart.ts` (starts its own local chain).
 */
import { pathToFileURL } from 'node:url'
import { createPublicClient, createWalletClient, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import {
  chainRoster,
  createPeer,
  createTransportHub,
  deployCoordinator,
  inProcessTransport,
  READ,
  settle,
  WRITE,
} from 'lensync/coordinator'
import { fhir, id, keyed, omit, pipe, under } from 'lensync/lens'
import type { AnyResource, Bundle, BundleEntry, Observation, Patient } from 'lensync/lens'
import { memoryStorage } from 'lensync/storage/memory'
import { startAnvil } from '../tools/anvil.js'

// 1. A view is a lens. The doctor sees every entry of the patient's Bundle, keyed by resource, and
//    the Patient without contact details.
export const clinicalView = pipe(
  id<Bundle>(),
  under(
    'entry',
    pipe(
      id<BundleEntry[]>(),
      keyed(
        fhir.entryKey,
        pipe(id<BundleEntry>(), under('resource', pipe(id<AnyResource>(), fhir.byType({ Patient: pipe(id<Patient>(), omit(['telecom', 'address'])) })))),
        { emptyAsAbsent: true },
      ),
    ),
  ),
)

const record: Bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      fullUrl: 'urn:uuid:p1',
      resource: { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1970-03-04', telecom: [{ system: 'phone', value: '555-0100' }] },
    },
  ],
}

/** Runs the quick start and returns what each peer holds at the end. */
export async function quickstart(): Promise<{ patient: unknown; doctor: unknown }> {
  const anvil = await startAnvil({ accounts: 2 })
  try {
    // Two dev accounts of the local chain.
    const [patientKey, doctorKey] = [
      '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
      '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
    ] as const
    const chain = { ...foundry, rpcUrls: { default: { http: [anvil.rpcUrl] } } }
    const publicClient = createPublicClient({ chain, transport: http(anvil.rpcUrl), cacheTime: 0 })
    const deployer = createWalletClient({ account: privateKeyToAccount(patientKey), chain, transport: http(anvil.rpcUrl) })
    const { address: coordinator, receipt } = await deployCoordinator(deployer)

    // 2. A peer: an account, its own database, and a transport for patches (signed, sealed for the
    //    view's members at each round, as the chain's events tell).
    const hub = createTransportHub()
    const roster = chainRoster(publicClient, { coordinator, fromBlock: receipt.blockNumber })
    const makePeer = (key: `0x${string}`) => {
      const account = privateKeyToAccount(key)
      const transport = inProcessTransport(hub, { account, chainId: chain.id, coordinator, roster })
      return createPeer({ account, rpcUrl: anvil.rpcUrl, chain, coordinator, storage: memoryStorage(), transport })
    }
    const patient = makePeer(patientKey)
    const doctor = makePeer(doctorKey)

    // 3. The patient shares the view (READ | WRITE: both may propose); the doctor joins: it fetches the view and
    //    checks it against the commitment on chain.
    await patient.putRecord('record', record)
    const { viewId } = await patient.shareView({
      recordId: 'record',
      lens: clinicalView,
      peers: [
        { address: patient.address, permissions: READ | WRITE },
        { address: doctor.address, permissions: READ | WRITE },
      ],
    })
    await doctor.joinView({ viewId, recordId: 'clinical' })

    // 4. The doctor adds an Observation to its view. The patient translates the edit to its full
    //    record, recomputes the commitment from its own data and acknowledges; both promote.
    const observation: Observation = { resourceType: 'Observation', id: 'o1', status: 'final', code: { text: 'HbA1c' }, valueQuantity: { value: 6.1, unit: '%' } }
    await doctor.update(viewId, [{ op: 'add', path: '/entry/-', value: { fullUrl: 'urn:uuid:o1', resource: observation } }])
    await settle([patient, doctor]) // in an application: peer.start() polls in the background

    return { patient: await patient.record('record'), doctor: await doctor.view(viewId) }
  } finally {
    await anvil.stop()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { patient, doctor } = await quickstart()
  console.log('patient holds', JSON.stringify(patient))
  // Output: the Bundle with the phone number and the new Observation
  console.log('doctor holds ', JSON.stringify(doctor))
  // Output: the same Bundle without the phone number
}
