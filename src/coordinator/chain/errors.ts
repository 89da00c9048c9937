/**
 * Typed errors of the ViewCoordinator client: one class per custom error of the contract.
 *
 * **Mental model**: a revert of `contracts/ViewCoordinator.sol` arrives from viem as a
 * `ContractFunctionRevertedError` buried in a `ContractFunctionExecutionError`. {@link getCoordinatorError}
 * digs it out and turns it into the matching lensync class (`StaleBase` → {@link StaleBaseError}), with the
 * error's arguments decoded and named (`error.args.currentVersion`) and viem's error kept as `cause`.
 *
 * **Gotchas**
 * - Every coordinator action already rethrows through {@link getCoordinatorError}: catch by class
 *   (`error instanceof RoundOpenError`) or by `code` (the contract's error name).
 * - Failures that are not reverts (network, nonce, insufficient funds) are not wrapped: they stay viem errors.
 * - A revert the ABI does not know (or one without data) becomes a plain {@link CoordinatorError} with
 *   `errorName: 'Unknown'`.
 *
 * @since 0.1.0
 */
import type { AbiParameter, AbiParameterToPrimitiveType } from 'abitype'
import {
  ContractFunctionRevertedError,
  type EstimateContractGasErrorType,
  type Hex,
  type ReadContractErrorType,
  type SimulateContractErrorType,
  type WaitForTransactionReceiptErrorType,
  type WriteContractErrorType,
} from 'viem'
import { LensyncError } from '../../errors.js'
import { viewCoordinatorAbi } from './abi.js'
import { formatPermissions, READ, WRITE } from './permissions.js'

type AbiError = Extract<(typeof viewCoordinatorAbi)[number], { type: 'error' }>

/**
 * The name of a custom error declared by the ViewCoordinator contract (IViewCoordinator.sol, plus the
 * two OpenZeppelin `ShortStrings` errors its constructor can raise).
 *
 * @category errors
 * @since 0.1.0
 */
export type CoordinatorErrorName = AbiError['name']

/**
 * The decoded arguments of custom error `name`, keyed by their Solidity names
 * (`StaleBase` → `{ viewId, baseVersion, currentVersion }`, `uint64` → `bigint`).
 *
 * @category errors
 * @since 0.1.0
 */
export type CoordinatorErrorArgs<name extends CoordinatorErrorName | 'Unknown' = CoordinatorErrorName | 'Unknown'> =
  name extends CoordinatorErrorName
    ? NamedArgs<Extract<AbiError, { name: name }>['inputs']>
    : UnknownRevertArgs

type NamedArgs<inputs extends readonly AbiParameter[]> = {
  readonly [K in inputs[number] as K['name'] & string]: AbiParameterToPrimitiveType<K>
}

/**
 * What is known about a revert the ABI does not declare.
 *
 * @category errors
 * @since 0.1.0
 */
export interface UnknownRevertArgs {
  /** The revert reason string (`require(…, "reason")`), when there is one. */
  readonly reason?: string | undefined
  /** The 4-byte selector of an undeclared custom error, when there is one. */
  readonly signature?: Hex | undefined
}

/**
 * Named arguments of {@link CoordinatorError}.
 *
 * @category errors
 * @since 0.1.0
 */
export interface CoordinatorErrorParameters<name extends CoordinatorErrorName | 'Unknown' = CoordinatorErrorName | 'Unknown'> {
  /** The contract's custom error name, or `'Unknown'`. */
  readonly errorName: name
  /** The decoded arguments, by name. */
  readonly args: CoordinatorErrorArgs<name>
  /** The view concerned, when the error or the call names one. */
  readonly viewId?: Hex | undefined
  /** The contract function that reverted (`'proposeUpdate'`). */
  readonly functionName?: string | undefined
  /** The underlying viem error. */
  readonly cause?: unknown
}

interface ErrorSpec<name extends CoordinatorErrorName> {
  /** JSON Pointer to the parameter of the call at fault (`''` when it is the call as a whole). */
  readonly pointer: string
  readonly message: (args: CoordinatorErrorArgs<name>) => string
}

const short = (hex: Hex): string => `${hex.slice(0, 10)}…`

/** How each contract error reads. The single table every error class is built from. @internal */
const errorSpecs: { readonly [name in CoordinatorErrorName]: ErrorSpec<name> } = {
  UnknownView: {
    pointer: '/viewId',
    message: (a) => `View ${short(a.viewId)} does not exist on this coordinator: check the viewId and the coordinator address.`,
  },
  ViewExists: {
    pointer: '/viewId',
    message: (a) => `View ${short(a.viewId)} already exists: its creator already used this salt; create it with a fresh random salt (generateSalt()).`,
  },
  InvalidAccount: {
    pointer: '/peers',
    message: (a) => `${a.account} cannot be the controller or a peer of view ${short(a.viewId)}: use a non-zero address.`,
  },
  ArrayLengthMismatch: {
    pointer: '/peers',
    message: (a) => `View ${short(a.viewId)} got ${a.peers} peers but ${a.permissions} permission entries: give one permission per peer.`,
  },
  EmptyView: {
    pointer: '/peers',
    message: (a) => `View ${short(a.viewId)} would have no peers: a view always keeps at least one.`,
  },
  TooManyPeers: {
    pointer: '/peers',
    message: (a) => `View ${short(a.viewId)} would have ${a.count} peers, more than 64: split it into several views.`,
  },
  DuplicatePeer: {
    pointer: '/peers',
    message: (a) => `${a.peer} is listed twice for view ${short(a.viewId)}: list each peer once.`,
  },
  InvalidPermissions: {
    pointer: '/permissions',
    message: (a) => `Permissions ${a.permissions} for ${a.peer} in view ${short(a.viewId)} are invalid: use READ (${READ}), WRITE (${WRITE}) or READ | WRITE (${READ | WRITE}).`,
  },
  NotPeer: {
    pointer: '/account',
    message: (a) => `${a.account} is not a peer of view ${short(a.viewId)}: only peers can do this; ask the controller to add it.`,
  },
  NotController: {
    pointer: '/account',
    message: (a) => `${a.account} is not the controller of view ${short(a.viewId)}: only the controller can change membership or evict.`,
  },
  MissingPermission: {
    pointer: '/account',
    message: (a) =>
      `${a.account} lacks the ${formatPermissions(a.required)} permission on view ${short(a.viewId)}: ask the controller to grant it.`,
  },
  NotProposerOrController: {
    pointer: '/account',
    message: (a) => `${a.account} may not cancel the open round of view ${short(a.viewId)}: only its proposer or the controller can.`,
  },
  RoundOpen: {
    pointer: '/viewId',
    message: (a) =>
      `Round ${a.round} of view ${short(a.viewId)} is open until ${a.deadline}: wait for it to complete or expire, then rebase and retry.`,
  },
  NoOpenRound: {
    pointer: '/round',
    message: (a) => `View ${short(a.viewId)} has no open round: it completed or was aborted already.`,
  },
  WrongRound: {
    pointer: '/round',
    message: (a) => `The open round of view ${short(a.viewId)} is ${a.expected}, not ${a.provided}: re-read the view and act on the open round.`,
  },
  StaleBase: {
    pointer: '/baseVersion',
    message: (a) =>
      `View ${short(a.viewId)} is at version ${a.currentVersion}, not ${a.baseVersion}: rebase the update on the current head and propose again.`,
  },
  CommitmentMismatch: {
    pointer: '/commitment',
    message: (a) =>
      `Commitment ${short(a.provided)} for view ${short(a.viewId)} differs from the expected ${short(a.expected)}: recompute it from the stored version.`,
  },
  InvalidTtl: {
    pointer: '/ttl',
    message: (a) => `A round of view ${short(a.viewId)} cannot last ${a.ttl} seconds: use a ttl between 1 and the view's maxTtl (${a.maxTtl}).`,
  },
  InvalidRoundLimits: {
    pointer: '/maxTtl',
    message: (a) =>
      `Round limits maxTtl ${a.maxTtl} s and grace ${a.grace} s are invalid for view ${short(a.viewId)}: maxTtl must be between 1 s and 30 days, grace at most 30 days.`,
  },
  ProposerBenched: {
    pointer: '/account',
    message: (a) =>
      `${a.proposer}'s last round of view ${short(a.viewId)} failed: it may not propose before ${a.until} (unix time), so another writer can go first; retry after that.`,
  },
  NotPendingController: {
    pointer: '/account',
    message: (a) => `${a.account} has not been named the next controller of view ${short(a.viewId)}: the controller must call transferControl first.`,
  },
  ControllerGracePeriod: {
    pointer: '/viewId',
    message: (a) =>
      `Until ${a.graceEnd} (inclusive) only the controller of view ${short(a.viewId)} may close its expired round ${a.round}: wait for the grace window to end.`,
  },
  RoundExpired: {
    pointer: '/round',
    message: (a) => `Round ${a.round} of view ${short(a.viewId)} passed its deadline ${a.deadline}: it takes no more acks; expire it.`,
  },
  RoundNotExpired: {
    pointer: '/viewId',
    message: (a) => `Round ${a.round} of view ${short(a.viewId)} is open until ${a.deadline} (inclusive): wait until the deadline has passed.`,
  },
  InsufficientGasForSignatureCheck: {
    pointer: '/gas',
    message: (a) =>
      `Too little gas was left to check signature entry ${a.index} for view ${short(a.viewId)} through ERC-1271: raise the transaction's gas limit.`,
  },
  PeerAcknowledged: {
    pointer: '/silentPeers',
    message: (a) => `${a.peer} acknowledged the open round of view ${short(a.viewId)}: do not evict it.`,
  },
  AcksMissing: {
    pointer: '/silentPeers',
    message: (a) =>
      `Peers in mask 0x${a.missingMask.toString(16)} of view ${short(a.viewId)} neither acknowledged nor are listed: list every silent peer.`,
  },
  InvalidShortString: {
    pointer: '',
    message: () => 'The coordinator could not build its EIP-712 domain (invalid short string).',
  },
  StringTooLong: {
    pointer: '',
    message: (a) => `The coordinator's EIP-712 domain string "${a.str}" is too long.`,
  },
}

/** The names of all contract errors, from the table. @internal */
export const coordinatorErrorNames = Object.keys(errorSpecs) as readonly CoordinatorErrorName[]

/**
 * A ViewCoordinator call reverted. Base class of one subclass per contract custom error.
 *
 * **When to use**: catch it around any coordinator action; narrow with the subclass
 * (`instanceof StaleBaseError`) or with `code`.
 *
 * **Details**
 * - `code` and `errorName` are the contract's custom error name (`'StaleBase'`), `'Unknown'` for a revert
 *   the ABI does not declare.
 * - `args` are the error's arguments by name; `viewId` is set when the error or the call names a view.
 * - `pointer` is a JSON Pointer to the parameter of the call at fault (`/baseVersion`), `''` for the call.
 * - `cause` is viem's error, untouched.
 *
 * **Example**
 * ```ts
 * import type { Address, Hex, WalletClient } from 'viem'
 * import { proposeUpdate, StaleBaseError } from 'lensync/coordinator'
 *
 * declare const walletClient: WalletClient, address: Address, viewId: Hex, baseCommitment: Hex, newCommitment: Hex
 * try {
 *   await proposeUpdate(walletClient, { address, viewId, baseVersion: 0n, baseCommitment, newCommitment, ttl: 600 })
 * } catch (error) {
 *   if (error instanceof StaleBaseError) console.log(error.args.currentVersion)
 *   // Output: 1n
 * }
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export class CoordinatorError<name extends CoordinatorErrorName | 'Unknown' = CoordinatorErrorName | 'Unknown'> extends LensyncError {
  override name = 'CoordinatorError'
  /** Same as `errorName`. */
  readonly code: name
  readonly errorName: name
  readonly args: CoordinatorErrorArgs<name>
  readonly viewId: Hex | undefined
  readonly functionName: string | undefined
  readonly pointer: string

  constructor(parameters: CoordinatorErrorParameters<name>) {
    const { errorName, args, functionName, cause } = parameters
    const spec = errorName === 'Unknown' ? undefined : (errorSpecs[errorName as CoordinatorErrorName] as ErrorSpec<CoordinatorErrorName>)
    const unknown = args as UnknownRevertArgs
    const shortMessage = spec
      ? spec.message(args as never)
      : `The coordinator call${functionName ? ` ${functionName}` : ''} reverted${unknown.reason ? ` with "${unknown.reason}"` : unknown.signature ? ` with undeclared error ${unknown.signature}` : ' without a reason'}.`
    const metaMessages = [
      ...(functionName ? [`Function: ${functionName}`] : []),
      `Error:    ${errorName}(${Object.entries(args as object)
        .map(([key, value]) => `${key}: ${typeof value === 'bigint' ? `${value}n` : String(value)}`)
        .join(', ')})`,
    ]
    super(shortMessage, { metaMessages, cause })
    this.code = errorName
    this.errorName = errorName
    this.args = args
    const argViewId = (args as { viewId?: Hex }).viewId
    this.viewId = argViewId ?? parameters.viewId
    this.functionName = functionName
    this.pointer = spec?.pointer ?? ''
  }
}

/** @category errors @since 0.1.0 */
export type CoordinatorErrorType = CoordinatorError & { name: 'CoordinatorError' | `${CoordinatorErrorName}Error` }

/**
 * A revert the ABI does not declare, a revert without data, or a transaction that reverted when mined
 * and whose replay did not name an error: a {@link CoordinatorError} with `errorName: 'Unknown'`.
 *
 * @category errors
 * @since 0.2.0
 */
export type UnknownCoordinatorErrorType = CoordinatorError<'Unknown'> & { name: 'CoordinatorError' }

/**
 * What a coordinator action throws when the contract refuses the call: the typed error of each revert in
 * `names` (`CoordinatorRevertErrorType<'StaleBase' | 'RoundOpen'>` is `StaleBaseError | RoundOpenError`,
 * as types), or {@link UnknownCoordinatorErrorType}.
 *
 * @category errors
 * @since 0.2.0
 */
export type CoordinatorRevertErrorType<names extends CoordinatorErrorName> =
  | (names extends CoordinatorErrorName ? CoordinatorError<names> & { name: `${names}Error` } : never)
  | UnknownCoordinatorErrorType

/**
 * What every read action can throw besides its reverts: viem's error of the `eth_call` (a transport
 * failure, an unreachable node), a `ContractFunctionExecutionError` whose `cause` says why.
 *
 * @category errors
 * @since 0.2.0
 */
export type CoordinatorReadErrorType = ReadContractErrorType

/**
 * What every write action can throw besides its reverts: {@link CoordinatorParameterError} when there
 * is no account, and viem's errors of simulating, estimating, sending and waiting for the transaction
 * (a transport failure, a nonce or funds problem, a receipt that does not come).
 *
 * @category errors
 * @since 0.2.0
 */
export type CoordinatorWriteErrorType =
  | CoordinatorParameterErrorType
  | SimulateContractErrorType
  | EstimateContractGasErrorType
  | WriteContractErrorType
  | WaitForTransactionReceiptErrorType

type SubclassParameters<name extends CoordinatorErrorName> = Omit<CoordinatorErrorParameters<name>, 'errorName'>

/** Builds the class of one contract error from the table. @internal */
function errorClass<const name extends CoordinatorErrorName>(errorName: name): new (parameters: SubclassParameters<name>) => CoordinatorError<name> {
  return class extends CoordinatorError<name> {
    constructor(parameters: SubclassParameters<name>) {
      super({ ...parameters, errorName } as CoordinatorErrorParameters<name>)
    }
  }
}

/** `UnknownView(viewId)`: no such view on this coordinator. @category errors @since 0.1.0 */
export class UnknownViewError extends errorClass('UnknownView') { override name = 'UnknownViewError' as const }
/** `ViewExists(viewId)`: {@link createView} with a taken viewId. @category errors @since 0.1.0 */
export class ViewExistsError extends errorClass('ViewExists') { override name = 'ViewExistsError' as const }
/** `InvalidAccount(viewId, account)`: the zero address as controller or peer. @category errors @since 0.1.0 */
export class InvalidAccountError extends errorClass('InvalidAccount') { override name = 'InvalidAccountError' as const }
/** `ArrayLengthMismatch(viewId, peers, permissions)`. @category errors @since 0.1.0 */
export class ArrayLengthMismatchError extends errorClass('ArrayLengthMismatch') { override name = 'ArrayLengthMismatchError' as const }
/** `EmptyView(viewId)`: a view must keep at least one peer. @category errors @since 0.1.0 */
export class EmptyViewError extends errorClass('EmptyView') { override name = 'EmptyViewError' as const }
/** `TooManyPeers(viewId, count)`: more than 64 peers. @category errors @since 0.1.0 */
export class TooManyPeersError extends errorClass('TooManyPeers') { override name = 'TooManyPeersError' as const }
/** `DuplicatePeer(viewId, peer)`. @category errors @since 0.1.0 */
export class DuplicatePeerError extends errorClass('DuplicatePeer') { override name = 'DuplicatePeerError' as const }
/** `InvalidPermissions(viewId, peer, permissions)`: not READ, WRITE or both. @category errors @since 0.1.0 */
export class InvalidPermissionsError extends errorClass('InvalidPermissions') { override name = 'InvalidPermissionsError' as const }
/** `NotPeer(viewId, account)`. @category errors @since 0.1.0 */
export class NotPeerError extends errorClass('NotPeer') { override name = 'NotPeerError' as const }
/** `NotController(viewId, account)`. @category errors @since 0.1.0 */
export class NotControllerError extends errorClass('NotController') { override name = 'NotControllerError' as const }
/** `MissingPermission(viewId, account, required)`: e.g. a READ-only peer proposing. @category errors @since 0.1.0 */
export class MissingPermissionError extends errorClass('MissingPermission') { override name = 'MissingPermissionError' as const }
/** `NotProposerOrController(viewId, account)`: {@link cancelRound} by someone else. @category errors @since 0.1.0 */
export class NotProposerOrControllerError extends errorClass('NotProposerOrController') { override name = 'NotProposerOrControllerError' as const }
/** `RoundOpen(viewId, round, deadline)`: another round is open (lost race, membership change). @category errors @since 0.1.0 */
export class RoundOpenError extends errorClass('RoundOpen') { override name = 'RoundOpenError' as const }
/** `NoOpenRound(viewId)`. @category errors @since 0.1.0 */
export class NoOpenRoundError extends errorClass('NoOpenRound') { override name = 'NoOpenRoundError' as const }
/** `WrongRound(viewId, expected, provided)`. @category errors @since 0.1.0 */
export class WrongRoundError extends errorClass('WrongRound') { override name = 'WrongRoundError' as const }
/** `StaleBase(viewId, baseVersion, currentVersion)`: the compare-and-swap lost; rebase. @category errors @since 0.1.0 */
export class StaleBaseError extends errorClass('StaleBase') { override name = 'StaleBaseError' as const }
/** `CommitmentMismatch(viewId, expected, provided)`: wrong base head or pending commitment. @category errors @since 0.1.0 */
export class CommitmentMismatchError extends errorClass('CommitmentMismatch') { override name = 'CommitmentMismatchError' as const }
/** `InvalidTtl(viewId, ttl, maxTtl)`: a ttl of zero or above the view's maxTtl. @category errors @since 0.1.0 */
export class InvalidTtlError extends errorClass('InvalidTtl') { override name = 'InvalidTtlError' as const }
/** `RoundExpired(viewId, round, deadline)`: acking after the deadline. @category errors @since 0.1.0 */
export class RoundExpiredError extends errorClass('RoundExpired') { override name = 'RoundExpiredError' as const }
/** `RoundNotExpired(viewId, round, deadline)`: expiring or evicting before the deadline. @category errors @since 0.1.0 */
export class RoundNotExpiredError extends errorClass('RoundNotExpired') { override name = 'RoundNotExpiredError' as const }
/** `InvalidRoundLimits(viewId, maxTtl, grace)`: maxTtl outside 1 s…30 days or grace above 30 days. @category errors @since 0.2.0 */
export class InvalidRoundLimitsError extends errorClass('InvalidRoundLimits') { override name = 'InvalidRoundLimitsError' as const }
/** `ProposerBenched(viewId, proposer, until)`: the writer's last round failed; others go first. @category errors @since 0.2.0 */
export class ProposerBenchedError extends errorClass('ProposerBenched') { override name = 'ProposerBenchedError' as const }
/** `NotPendingController(viewId, account)`: {@link acceptControl} by an account not named by {@link transferControl}. @category errors @since 0.2.0 */
export class NotPendingControllerError extends errorClass('NotPendingController') { override name = 'NotPendingControllerError' as const }
/** `ControllerGracePeriod(viewId, round, graceEnd)`: {@link expireRound} by a non-controller inside the grace window. @category errors @since 0.2.0 */
export class ControllerGracePeriodError extends errorClass('ControllerGracePeriod') { override name = 'ControllerGracePeriodError' as const }
/** `InsufficientGasForSignatureCheck(viewId, index)`: the relay's gas limit is too low for an ERC-1271 check. @category errors @since 0.2.0 */
export class InsufficientGasForSignatureCheckError extends errorClass('InsufficientGasForSignatureCheck') { override name = 'InsufficientGasForSignatureCheckError' as const }
/** `PeerAcknowledged(viewId, peer)`: {@link evictAndCommit} listed a peer that acked. @category errors @since 0.1.0 */
export class PeerAcknowledgedError extends errorClass('PeerAcknowledged') { override name = 'PeerAcknowledgedError' as const }
/** `AcksMissing(viewId, missingMask)`: {@link evictAndCommit} left silent peers unlisted. @category errors @since 0.1.0 */
export class AcksMissingError extends errorClass('AcksMissing') { override name = 'AcksMissingError' as const }
/** `InvalidShortString()` (OpenZeppelin ShortStrings, constructor only). @category errors @since 0.1.0 */
export class InvalidShortStringError extends errorClass('InvalidShortString') { override name = 'InvalidShortStringError' as const }
/** `StringTooLong(str)` (OpenZeppelin ShortStrings, constructor only). @category errors @since 0.1.0 */
export class StringTooLongError extends errorClass('StringTooLong') { override name = 'StringTooLongError' as const }

/** @category errors @since 0.1.0 */ export type UnknownViewErrorType = UnknownViewError & { name: 'UnknownViewError' }
/** @category errors @since 0.1.0 */ export type ViewExistsErrorType = ViewExistsError & { name: 'ViewExistsError' }
/** @category errors @since 0.1.0 */ export type InvalidAccountErrorType = InvalidAccountError & { name: 'InvalidAccountError' }
/** @category errors @since 0.1.0 */ export type ArrayLengthMismatchErrorType = ArrayLengthMismatchError & { name: 'ArrayLengthMismatchError' }
/** @category errors @since 0.1.0 */ export type EmptyViewErrorType = EmptyViewError & { name: 'EmptyViewError' }
/** @category errors @since 0.1.0 */ export type TooManyPeersErrorType = TooManyPeersError & { name: 'TooManyPeersError' }
/** @category errors @since 0.1.0 */ export type DuplicatePeerErrorType = DuplicatePeerError & { name: 'DuplicatePeerError' }
/** @category errors @since 0.1.0 */ export type InvalidPermissionsErrorType = InvalidPermissionsError & { name: 'InvalidPermissionsError' }
/** @category errors @since 0.1.0 */ export type NotPeerErrorType = NotPeerError & { name: 'NotPeerError' }
/** @category errors @since 0.1.0 */ export type NotControllerErrorType = NotControllerError & { name: 'NotControllerError' }
/** @category errors @since 0.1.0 */ export type MissingPermissionErrorType = MissingPermissionError & { name: 'MissingPermissionError' }
/** @category errors @since 0.1.0 */ export type NotProposerOrControllerErrorType = NotProposerOrControllerError & { name: 'NotProposerOrControllerError' }
/** @category errors @since 0.1.0 */ export type RoundOpenErrorType = RoundOpenError & { name: 'RoundOpenError' }
/** @category errors @since 0.1.0 */ export type NoOpenRoundErrorType = NoOpenRoundError & { name: 'NoOpenRoundError' }
/** @category errors @since 0.1.0 */ export type WrongRoundErrorType = WrongRoundError & { name: 'WrongRoundError' }
/** @category errors @since 0.1.0 */ export type StaleBaseErrorType = StaleBaseError & { name: 'StaleBaseError' }
/** @category errors @since 0.1.0 */ export type CommitmentMismatchErrorType = CommitmentMismatchError & { name: 'CommitmentMismatchError' }
/** @category errors @since 0.1.0 */ export type InvalidTtlErrorType = InvalidTtlError & { name: 'InvalidTtlError' }
/** @category errors @since 0.1.0 */ export type RoundExpiredErrorType = RoundExpiredError & { name: 'RoundExpiredError' }
/** @category errors @since 0.1.0 */ export type RoundNotExpiredErrorType = RoundNotExpiredError & { name: 'RoundNotExpiredError' }
/** @category errors @since 0.2.0 */ export type InvalidRoundLimitsErrorType = InvalidRoundLimitsError & { name: 'InvalidRoundLimitsError' }
/** @category errors @since 0.2.0 */ export type ProposerBenchedErrorType = ProposerBenchedError & { name: 'ProposerBenchedError' }
/** @category errors @since 0.2.0 */ export type NotPendingControllerErrorType = NotPendingControllerError & { name: 'NotPendingControllerError' }
/** @category errors @since 0.2.0 */ export type ControllerGracePeriodErrorType = ControllerGracePeriodError & { name: 'ControllerGracePeriodError' }
/** @category errors @since 0.2.0 */ export type InsufficientGasForSignatureCheckErrorType = InsufficientGasForSignatureCheckError & { name: 'InsufficientGasForSignatureCheckError' }
/** @category errors @since 0.1.0 */ export type PeerAcknowledgedErrorType = PeerAcknowledgedError & { name: 'PeerAcknowledgedError' }
/** @category errors @since 0.1.0 */ export type AcksMissingErrorType = AcksMissingError & { name: 'AcksMissingError' }
/** @category errors @since 0.1.0 */ export type InvalidShortStringErrorType = InvalidShortStringError & { name: 'InvalidShortStringError' }
/** @category errors @since 0.1.0 */ export type StringTooLongErrorType = StringTooLongError & { name: 'StringTooLongError' }

/** Contract error name → its class. @internal */
export const coordinatorErrorClasses: { readonly [name in CoordinatorErrorName]: new (parameters: SubclassParameters<name>) => CoordinatorError<name> } = {
  UnknownView: UnknownViewError,
  ViewExists: ViewExistsError,
  InvalidAccount: InvalidAccountError,
  ArrayLengthMismatch: ArrayLengthMismatchError,
  EmptyView: EmptyViewError,
  TooManyPeers: TooManyPeersError,
  DuplicatePeer: DuplicatePeerError,
  InvalidPermissions: InvalidPermissionsError,
  NotPeer: NotPeerError,
  NotController: NotControllerError,
  MissingPermission: MissingPermissionError,
  NotProposerOrController: NotProposerOrControllerError,
  RoundOpen: RoundOpenError,
  NoOpenRound: NoOpenRoundError,
  WrongRound: WrongRoundError,
  StaleBase: StaleBaseError,
  CommitmentMismatch: CommitmentMismatchError,
  InvalidTtl: InvalidTtlError,
  RoundExpired: RoundExpiredError,
  RoundNotExpired: RoundNotExpiredError,
  InvalidRoundLimits: InvalidRoundLimitsError,
  ProposerBenched: ProposerBenchedError,
  NotPendingController: NotPendingControllerError,
  ControllerGracePeriod: ControllerGracePeriodError,
  InsufficientGasForSignatureCheck: InsufficientGasForSignatureCheckError,
  PeerAcknowledged: PeerAcknowledgedError,
  AcksMissing: AcksMissingError,
  InvalidShortString: InvalidShortStringError,
  StringTooLong: StringTooLongError,
}

/**
 * Context for {@link getCoordinatorError}.
 *
 * @category errors
 * @since 0.1.0
 */
export interface GetCoordinatorErrorParameters {
  /** The view of the call, used when the contract error does not carry one. */
  readonly viewId?: Hex | undefined
  /** The contract function that was called. */
  readonly functionName?: string | undefined
}

/**
 * Maps an error thrown by a viem contract call to the typed lensync error of the contract's revert.
 *
 * **When to use**: around your own `readContract`/`writeContract`/`simulateContract` calls on a
 * ViewCoordinator; the lensync actions already do it.
 *
 * **Details**
 * - A revert with a declared custom error becomes its subclass ({@link StaleBaseError}, …), args named.
 * - A revert without data, with a reason string or with an undeclared selector becomes a
 *   {@link CoordinatorError} with `errorName: 'Unknown'`.
 * - An error that is not a revert (transport, nonce, funds) and a {@link CoordinatorError} are returned
 *   unchanged.
 *
 * **Example**
 * ```ts
 * import type { Address, Hex, LocalAccount, PublicClient } from 'viem'
 * import { getCoordinatorError, viewCoordinatorAbi } from 'lensync/coordinator'
 *
 * declare const publicClient: PublicClient, address: Address, viewId: Hex, account: LocalAccount
 * const error = await publicClient
 *   .simulateContract({ address, abi: viewCoordinatorAbi, functionName: 'expireRound', args: [viewId], account })
 *   .then(() => undefined, (e: Error) => getCoordinatorError(e))
 * console.log(error?.name)
 * // Output: RoundNotExpiredError
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export function getCoordinatorError<err>(error: err, parameters: GetCoordinatorErrorParameters = {}): CoordinatorError | err {
  if (error instanceof CoordinatorError) return error
  const revert = findRevert(error)
  if (!revert) return error
  const { viewId, functionName } = parameters
  const data = revert.data
  const errorName = data?.errorName as CoordinatorErrorName | undefined
  if (data && errorName && errorName in coordinatorErrorClasses && data.abiItem?.type === 'error') {
    const values = (data.args ?? []) as readonly unknown[]
    const args = Object.fromEntries(data.abiItem.inputs.map((input, i) => [input.name ?? String(i), values[i]]))
    const ErrorClass = coordinatorErrorClasses[errorName] as new (parameters: SubclassParameters<CoordinatorErrorName>) => CoordinatorError
    return new ErrorClass({ args: args as never, viewId, functionName, cause: error })
  }
  return new CoordinatorError({
    errorName: 'Unknown',
    args: { reason: revert.reason, signature: revert.signature },
    viewId,
    functionName,
    cause: error,
  })
}

function findRevert(error: unknown): ContractFunctionRevertedError | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 16 && current !== null && typeof current === 'object'; depth++) {
    if (current instanceof ContractFunctionRevertedError) return current
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/**
 * A coordinator action was called with an argument it cannot send (checked before any RPC call).
 *
 * **Details**: `code` is always `'InvalidParameter'`; `pointer` names the parameter
 * (`/signatures/2/peerIndex`).
 *
 * @category errors
 * @since 0.1.0
 */
export class CoordinatorParameterError extends LensyncError {
  override name = 'CoordinatorParameterError' as const
  readonly code = 'InvalidParameter' as const
  readonly pointer: string

  constructor(parameters: { readonly message: string; readonly pointer: string }) {
    super(parameters.message, { metaMessages: [`Pointer: ${parameters.pointer}`] })
    this.pointer = parameters.pointer
  }
}

/** @category errors @since 0.1.0 */
export type CoordinatorParameterErrorType = CoordinatorParameterError & { name: 'CoordinatorParameterError' }

/**
 * The EVM version the ViewCoordinator bytecode is compiled for: it runs on chains at this hardfork (or
 * london, which has the same instructions) and on every later one.
 *
 * @category errors
 * @since 0.2.0
 */
export const coordinatorEvmVersion = 'paris' as const

/**
 * {@link deployCoordinator} failed on a chain whose EVM cannot run the ViewCoordinator bytecode (an
 * unknown instruction makes the deployment fail).
 *
 * **Details**: `code` is `'UnsupportedEvm'`; `evmVersion` is the version the bytecode needs
 * ({@link coordinatorEvmVersion}); `cause` is the node's error or the failed receipt's hash.
 *
 * @category errors
 * @since 0.2.0
 */
export class UnsupportedEvmError extends LensyncError {
  override name = 'UnsupportedEvmError' as const
  readonly code = 'UnsupportedEvm' as const
  readonly evmVersion = coordinatorEvmVersion

  constructor(parameters: { readonly detail: string; readonly cause?: unknown }) {
    super(
      `The ViewCoordinator could not be deployed: ${parameters.detail}. Its bytecode needs EVM version ${coordinatorEvmVersion} (the Merge) or later: use a chain at that hardfork or newer.`,
      { metaMessages: [`EVM version: ${coordinatorEvmVersion}`], cause: parameters.cause },
    )
  }
}

/** @category errors @since 0.2.0 */
export type UnsupportedEvmErrorType = UnsupportedEvmError & { name: 'UnsupportedEvmError' }
