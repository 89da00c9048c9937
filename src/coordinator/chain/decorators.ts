/**
 * `client.extend(coordinatorActions({ address }))`: the coordinator actions bound to one contract.
 *
 * @since 0.1.0
 */
import type { Account, Address, Chain, Client, LocalAccount, RpcSchema, Transport } from 'viem'
import { ack, type AckParameters, type AckReturnType } from './actions/ack.js'
import { ackDigest, type AckDigestParameters, type AckDigestReturnType } from './actions/ackDigest.js'
import { ackWithSignatures, type AckWithSignaturesParameters, type AckWithSignaturesReturnType } from './actions/ackWithSignatures.js'
import { cancelRound, type CancelRoundParameters, type CancelRoundReturnType } from './actions/cancelRound.js'
import { coordinatorEvents, type CoordinatorEventsParameters, type CoordinatorEventsReturnType } from './actions/coordinatorEvents.js'
import { createView, type CreateViewParameters, type CreateViewReturnType } from './actions/createView.js'
import { evictAndCommit, type EvictAndCommitParameters, type EvictAndCommitReturnType } from './actions/evictAndCommit.js'
import { expireRound, type ExpireRoundParameters, type ExpireRoundReturnType } from './actions/expireRound.js'
import { getView, type GetViewParameters, type GetViewReturnType } from './actions/getView.js'
import { peersOf, type PeersOfParameters, type PeersOfReturnType } from './actions/peersOf.js'
import { permissionsOf, type PermissionsOfParameters, type PermissionsOfReturnType } from './actions/permissionsOf.js'
import { proposeUpdate, type ProposeUpdateParameters, type ProposeUpdateReturnType } from './actions/proposeUpdate.js'
import { removePeer, type RemovePeerParameters, type RemovePeerReturnType } from './actions/removePeer.js'
import { setPeer, type SetPeerParameters, type SetPeerReturnType } from './actions/setPeer.js'
import { signAck, type SignAckParameters, type SignAckReturnType } from './actions/signAck.js'
import { setRoundLimits, type SetRoundLimitsParameters, type SetRoundLimitsReturnType } from './actions/setRoundLimits.js'
import { transferControl, type TransferControlParameters, type TransferControlReturnType } from './actions/transferControl.js'
import { acceptControl, type AcceptControlParameters, type AcceptControlReturnType } from './actions/acceptControl.js'
import { viewIdOf, type ViewIdOfParameters, type ViewIdOfReturnType } from './actions/viewIdOf.js'
import { type CreateEventCursorParameters, type CreateEventCursorReturnType, createEventCursor } from './cursor.js'
import { getHistory, type GetHistoryParameters, type GetHistoryReturnType } from './history.js'

type Bound<parameters> = Omit<parameters, 'address'>

/**
 * The coordinator actions bound to one ViewCoordinator; each is the action of the same name without
 * `address` (see its own doc for details, contract function and errors).
 *
 * @category actions
 * @since 0.1.0
 */
export type CoordinatorActions = {
  /** The bound ViewCoordinator address. */
  readonly coordinatorAddress: Address
  /** {@link createView}: creates a view with its controller and peers. */
  createView<wait extends boolean = true>(parameters: Bound<CreateViewParameters<wait>>): Promise<CreateViewReturnType<wait>>
  /** {@link setPeer}: adds a peer or changes its permissions (controller; aborts an open round). */
  setPeer<wait extends boolean = true>(parameters: Bound<SetPeerParameters<wait>>): Promise<SetPeerReturnType<wait>>
  /** {@link removePeer}: removes a peer (controller; aborts an open round). */
  removePeer<wait extends boolean = true>(parameters: Bound<RemovePeerParameters<wait>>): Promise<RemovePeerReturnType<wait>>
  /** {@link setRoundLimits}: sets a view's maximum ttl and controller grace window (controller). */
  setRoundLimits<wait extends boolean = true>(parameters: Bound<SetRoundLimitsParameters<wait>>): Promise<SetRoundLimitsReturnType<wait>>
  /** {@link transferControl}: names the next controller (controller). */
  transferControl<wait extends boolean = true>(parameters: Bound<TransferControlParameters<wait>>): Promise<TransferControlReturnType<wait>>
  /** {@link acceptControl}: takes control (the named next controller). */
  acceptControl<wait extends boolean = true>(parameters: Bound<AcceptControlParameters<wait>>): Promise<AcceptControlReturnType<wait>>
  /** {@link viewIdOf}: reads the id of the view a creator makes with a salt. */
  viewIdOf(parameters: Bound<ViewIdOfParameters>): Promise<ViewIdOfReturnType>
  /** {@link proposeUpdate}: opens a round (WRITE peers; compare-and-swap on the base). */
  proposeUpdate<wait extends boolean = true>(parameters: Bound<ProposeUpdateParameters<wait>>): Promise<ProposeUpdateReturnType<wait>>
  /** {@link ack}: acknowledges the open round. */
  ack<wait extends boolean = true>(parameters: Bound<AckParameters<wait>>): Promise<AckReturnType<wait>>
  /** {@link signAck}: signs an EIP-712 acknowledgement with the client's account (or `signer`). */
  signAck(parameters: Bound<SignAckParameters> & { readonly signer?: LocalAccount | undefined }): Promise<SignAckReturnType>
  /** {@link ackWithSignatures}: relays signed acknowledgements in one transaction. */
  ackWithSignatures<wait extends boolean = true>(parameters: Bound<AckWithSignaturesParameters<wait>>): Promise<AckWithSignaturesReturnType<wait>>
  /** {@link cancelRound}: closes the open round (proposer or controller). */
  cancelRound<wait extends boolean = true>(parameters: Bound<CancelRoundParameters<wait>>): Promise<CancelRoundReturnType<wait>>
  /** {@link expireRound}: closes the open round after its deadline (the controller; anyone after the grace window). */
  expireRound<wait extends boolean = true>(parameters: Bound<ExpireRoundParameters<wait>>): Promise<ExpireRoundReturnType<wait>>
  /** {@link evictAndCommit}: evicts the silent peers and completes the round (controller, after the deadline). */
  evictAndCommit<wait extends boolean = true>(parameters: Bound<EvictAndCommitParameters<wait>>): Promise<EvictAndCommitReturnType<wait>>
  /** {@link getView}: reads a view's state. */
  getView(parameters: Bound<GetViewParameters>): Promise<GetViewReturnType>
  /** {@link permissionsOf}: reads an account's permissions in a view. */
  permissionsOf(parameters: Bound<PermissionsOfParameters>): Promise<PermissionsOfReturnType>
  /** {@link peersOf}: reads a view's peers in index order. */
  peersOf(parameters: Bound<PeersOfParameters>): Promise<PeersOfReturnType>
  /** {@link ackDigest}: reads the EIP-712 digest of an acknowledgement. */
  ackDigest(parameters: Bound<AckDigestParameters>): Promise<AckDigestReturnType>
  /** {@link coordinatorEvents}: reads decoded events over a block range. */
  coordinatorEvents(parameters: Bound<CoordinatorEventsParameters>): Promise<CoordinatorEventsReturnType>
  /** {@link createEventCursor}: an at-least-once event poller over this coordinator. */
  createEventCursor(parameters: Omit<CreateEventCursorParameters, 'address' | 'client'>): CreateEventCursorReturnType
  /** {@link getHistory}: the audit trail of a view. */
  getHistory(parameters: Bound<GetHistoryParameters>): Promise<GetHistoryReturnType>
}

/**
 * Binds the coordinator actions to one ViewCoordinator, for `client.extend(...)` (the `erc7739Actions` shape).
 *
 * **When to use**: an application talking to one coordinator; write actions need a client with an
 * account (or `account` per call), reads work on any client.
 *
 * @param parameters - `{ address }` of the ViewCoordinator
 * @returns A decorator for `client.extend`.
 *
 * @example
 * ```ts
 * import { createWalletClient, http, publicActions, type Address, type Chain, type Hex, type LocalAccount } from 'viem'
 * import { coordinatorActions } from 'lensync/coordinator'
 *
 * declare const account: LocalAccount, chain: Chain, address: Address, viewId: Hex, baseCommitment: Hex, newCommitment: Hex
 * const client = createWalletClient({ account, chain, transport: http() })
 *   .extend(publicActions)
 *   .extend(coordinatorActions({ address }))
 * const { round } = await client.proposeUpdate({ viewId, baseVersion: 0n, baseCommitment, newCommitment, ttl: 600 })
 * // round: 1n
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export function coordinatorActions(parameters: { readonly address: Address }) {
  const { address } = parameters
  return (client: Client<Transport, Chain | undefined, Account | undefined, RpcSchema | undefined>): CoordinatorActions => {
    const c = client as unknown as Client<Transport, Chain | undefined, Account | undefined>
    const bind = <p extends object>(p: p) => ({ ...p, address }) as p & { address: Address }
    return {
      coordinatorAddress: address,
      createView: (p) => createView(c, bind(p)),
      setPeer: (p) => setPeer(c, bind(p)),
      removePeer: (p) => removePeer(c, bind(p)),
      setRoundLimits: (p) => setRoundLimits(c, bind(p)),
      transferControl: (p) => transferControl(c, bind(p)),
      acceptControl: (p) => acceptControl(c, bind(p)),
      viewIdOf: (p) => viewIdOf(c, bind(p)),
      proposeUpdate: (p) => proposeUpdate(c, bind(p)),
      ack: (p) => ack(c, bind(p)),
      signAck: ({ signer, ...p }) => signAck(signer ?? c, bind(p)),
      ackWithSignatures: (p) => ackWithSignatures(c, bind(p)),
      cancelRound: (p) => cancelRound(c, bind(p)),
      expireRound: (p) => expireRound(c, bind(p)),
      evictAndCommit: (p) => evictAndCommit(c, bind(p)),
      getView: (p) => getView(c, bind(p)),
      permissionsOf: (p) => permissionsOf(c, bind(p)),
      peersOf: (p) => peersOf(c, bind(p)),
      ackDigest: (p) => ackDigest(c, bind(p)),
      coordinatorEvents: (p) => coordinatorEvents(c, bind(p)),
      createEventCursor: (p) => createEventCursor({ ...p, client: c, address }),
      getHistory: (p) => getHistory(c, bind(p)),
    }
  }
}
