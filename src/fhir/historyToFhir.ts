/**
 * A view's history (from the chain) as FHIR R4 `AuditEvent` and `Provenance` resources, which can be
 * written to a FHIR server next to the record.
 *
 * @since 0.2.0
 */
import type { RoundHistory, ViewHistory } from '../coordinator/chain/history.js'

/** A FHIR R4 resource as {@link historyToFhir} builds it (plain JSON). @category models @since 0.2.0 */
export interface FhirResourceJson {
  readonly resourceType: string
  readonly [key: string]: unknown
}

/**
 * Options of {@link historyToFhir}.
 *
 * @category models
 * @since 0.2.0
 */
export interface HistoryToFhirOptions {
  /** The ViewCoordinator's address, named as the observer of every AuditEvent. */
  readonly coordinator: string
  /** The chain id, in the observer's name. */
  readonly chainId: number
  /**
   * References of the FHIR resources the view covers (e.g. `['Patient/p1']`), added as Provenance
   * targets next to the view version.
   *
   * @defaultValue `[]`
   */
  readonly targets?: readonly string[] | undefined
}

/**
 * What {@link historyToFhir} returns.
 *
 * @category models
 * @since 0.2.0
 */
export interface HistoryAsFhir {
  /** One per round: proposed, completed or aborted, with the proposer and every acknowledging peer. */
  readonly auditEvents: FhirResourceJson[]
  /** One per completed round: the view version it created, the proposer as author, the acks as verifiers. */
  readonly provenances: FhirResourceJson[]
}

const addressSystem = 'urn:lensync:ethereum-address'
const viewSystem = 'urn:lensync:view'

function instant(seconds: bigint | undefined): string {
  return new Date(Number(seconds ?? 0n) * 1000).toISOString()
}

function agent(address: string) {
  return { identifier: { system: addressSystem, value: address.toLowerCase() } }
}

function auditEvent(history: ViewHistory, round: RoundHistory, observer: string): FhirResourceJson {
  const outcome = round.outcome === 'aborted' ? '4' : '0'
  return {
    resourceType: 'AuditEvent',
    id: `${history.viewId.slice(2, 18)}-round-${round.round}`,
    type: { system: 'urn:lensync:audit', code: 'round', display: 'lensync acknowledgement round' },
    subtype: [{ system: 'urn:lensync:audit', code: round.outcome, display: round.abortReason ? `${round.outcome} (${round.abortReason})` : round.outcome }],
    action: 'U',
    recorded: instant((round.closedAt ?? round.proposedAt).timestamp),
    outcome,
    ...(round.abortReason ? { outcomeDesc: `round ${round.round} ${round.abortReason}` } : {}),
    agent: [
      { type: { text: 'proposer' }, who: agent(round.proposer), requestor: true },
      ...round.acks.filter((a) => a.via !== 'proposal').map((a) => ({ type: { text: `acknowledged (${a.via})` }, who: agent(a.peer), requestor: false })),
    ],
    source: { observer: { display: observer } },
    entity: [
      {
        what: { identifier: { system: viewSystem, value: history.viewId } },
        detail: [
          { type: 'round', valueString: `${round.round}` },
          { type: 'version', valueString: `${round.version}` },
          { type: 'commitment', valueString: round.commitment },
          { type: 'proposal transaction', valueString: round.proposedAt.tx },
        ],
      },
    ],
  }
}

function provenance(history: ViewHistory, round: RoundHistory, targets: readonly string[]): FhirResourceJson {
  return {
    resourceType: 'Provenance',
    id: `${history.viewId.slice(2, 18)}-version-${round.version}`,
    target: [{ identifier: { system: viewSystem, value: `${history.viewId}/version/${round.version}` }, display: `view version ${round.version}` }, ...targets.map((reference) => ({ reference }))],
    recorded: instant(round.closedAt?.timestamp),
    activity: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: 'UPDATE' }] },
    agent: [
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'author' }] }, who: agent(round.proposer) },
      ...round.acks
        .filter((a) => a.via !== 'proposal')
        .map((a) => ({ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'verifier' }] }, who: agent(a.peer) })),
    ],
    entity: [{ role: 'revision', what: { identifier: { system: 'urn:lensync:commitment', value: round.commitment } } }],
  }
}

/**
 * Turns a view's history into FHIR `AuditEvent`s (one per round) and `Provenance`s (one per
 * completed round, i.e. per view version).
 *
 * **When to use**
 * To keep lensync's audit trail in the EHR's FHIR server, or to answer an audit query with FHIR.
 *
 * **Details**
 * - Peers are identified by their address (`urn:lensync:ethereum-address`), views by their id
 *   (`urn:lensync:view`); no medical content is involved — the history holds commitments only.
 * - Times are the blocks' timestamps. Ids are derived from the view id and round, so writing the
 *   same history twice (`PUT`) is idempotent.
 *
 * **Example**
 * ```ts
 * import { historyToFhir } from 'lensync'
 * import type { ViewHistory } from 'lensync/coordinator'
 * declare const history: ViewHistory
 * const { auditEvents, provenances } = historyToFhir(history, { coordinator: '0x5FbDB2315678afecb367f032d93F642f64180aa3', chainId: 31337 })
 * console.log(auditEvents.length >= provenances.length)
 * // Output: true
 * ```
 *
 * @param history - From `getHistory` or `peer.history(viewId)`.
 * @param options - {@link HistoryToFhirOptions}.
 * @returns {@link HistoryAsFhir}.
 * @category FHIR presets
 * @since 0.2.0
 */
export function historyToFhir(history: ViewHistory, options: HistoryToFhirOptions): HistoryAsFhir {
  const observer = `lensync ViewCoordinator ${options.coordinator.toLowerCase()} on chain ${options.chainId}`
  return {
    auditEvents: history.rounds.map((round) => auditEvent(history, round, observer)),
    provenances: history.rounds.filter((round) => round.outcome === 'completed').map((round) => provenance(history, round, options.targets ?? [])),
  }
}
