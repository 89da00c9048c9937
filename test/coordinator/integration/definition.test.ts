import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getHistory, PeerError, settle } from 'lensync/coordinator'
import { type ViewDefinition, definitionHash, viewDefinition } from 'lensync/views'
import { patientRecord } from '../../_helpers/fixtures.js'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'
import { READ, startWorld, type World } from './_harness.js'

// A view shared with the hash of its ViewDefinition: a joiner holding the same definition joins; one
// holding another definition is refused before anything is fetched or stored. Real anvil and contract.

const glucose: ViewDefinition = {
  resourceType: 'ViewDefinition',
  name: 'glucose',
  status: 'active',
  resource: 'Observation',
  select: [{ column: [{ name: 'id', path: 'id', type: 'id' }, { name: 'value', path: 'value.ofType(Quantity).value', type: 'decimal' }] }],
}
const withStatus: ViewDefinition = { ...glucose, select: [{ column: [...glucose.select[0]!.column!, { name: 'status', path: 'status', type: 'code' }] }] }

let world: World
beforeAll(async () => {
  world = await startWorld()
})
afterAll(async () => {
  await world?.stop()
})

describe('joinView with a definitionHash', () => {
  test('error: the view definition is on chain; the same definition joins, another is DefinitionMismatch and nothing is stored', async () => {
    world.freshHubs()
    const [patient, researcher, other] = [world.peer(0), world.peer(2), world.peer(3)]
    await patient.peer.putRecord('record', patientRecord())
    const lens = viewDefinition(glucose, { over: 'bundle' })
    const { viewId } = await patient.peer.shareView({
      recordId: 'record',
      lens,
      peers: [
        { address: researcher.account.address, permissions: READ },
        { address: other.account.address, permissions: READ },
      ],
      definitionHash: definitionHash(glucose),
    })
    const created = (await getHistory(world.publicClient, { address: world.coordinator, viewId })).membership.find((m) => m.type === 'ViewCreated')
    expect(created).toMatchObject({ definitionHash: definitionHash(glucose) })

    await researcher.peer.joinView({ viewId, recordId: 'rows', definitionHash: definitionHash(glucose) })
    expect(await researcher.peer.view(viewId)).toEqual(lens.get(patientRecord() as never))

    expect(definitionHash(withStatus)).not.toBe(definitionHash(glucose))
    const refused = await expectLensyncErrorAsync(other.peer.joinView({ viewId, recordId: 'rows', definitionHash: definitionHash(withStatus) }), PeerError, {
      code: 'DefinitionMismatch',
      pointer: '/definitionHash',
      viewId,
    })
    expect(refused.shortMessage).toContain(definitionHash(glucose))
    expect(await other.peer.record('rows')).toBeUndefined()
    expect(await other.peer.viewState(viewId)).toBeUndefined()
    await settle([patient.peer, researcher.peer, other.peer])
  })
})
