import { type Address, type Hex, zeroHash } from 'viem'
import { CoordinatorParameterError, type CoordinatorParameterErrorType, type CoordinatorRevertErrorType, type CoordinatorWriteErrorType } from '../errors.js'
import { computeViewId } from '../viewId.js'
import { type CoordinatorWalletClient, type WriteParameters, type WriteReturnType, writeCoordinator } from './_internal/write.js'

/**
 * The round limits a view gets when {@link createView} is not given any: rounds last at most one day, and
 * the controller has one hour after each deadline to evict silent peers before anyone may expire the round.
 *
 * @category actions
 * @since 0.2.0
 */
export const defaultRoundLimits = { maxTtl: 86_400, grace: 3_600 } as const

/**
 * A peer of a view and its permissions: `READ`, `WRITE` or `READ | WRITE`.
 *
 * @category models
 * @since 0.1.0
 */
export interface PeerPermissions {
  readonly address: Address
  /** A permission mask: `READ`, `WRITE` or `READ | WRITE`. */
  readonly permissions: number
}

/**
 * Parameters of {@link createView}.
 *
 * @category actions
 * @since 0.1.0
 */
export interface CreateViewParameters<wait extends boolean = true> extends WriteParameters<wait> {
  /**
   * A random 32-byte salt (`generateSalt()`), never a hash of a patient identifier. The view's id is
   * `computeViewId({ creator, salt })`: bound to the sender, so nobody else can create it first.
   */
  readonly salt: Hex
  /** The head commitment of version 0. */
  readonly initialCommitment: Hex
  /**
   * The hash of the view's definition (peers compare it with the definition they hold); the contract only
   * emits it in `ViewCreated`. @defaultValue the zero hash (no definition)
   */
  readonly definitionHash?: Hex | undefined
  /** The longest time to live of a round, in seconds (1 s to 30 days). @defaultValue `defaultRoundLimits.maxTtl` (1 day) */
  readonly maxTtl?: number | undefined
  /**
   * Seconds after each deadline during which only the controller may close the round (at most 30 days; 0
   * turns it and the proposer bench off). @defaultValue `defaultRoundLimits.grace` (1 hour)
   */
  readonly grace?: number | undefined
  /** The account that administers membership (the patient / data subject). */
  readonly controller: Address
  /** The peers, in index order (1 to 64). */
  readonly peers: readonly PeerPermissions[]
}

/** @category actions @since 0.1.0 */
export type CreateViewReturnType<wait extends boolean = true> = WriteReturnType<wait> & {
  /** The id of the new view, `computeViewId({ creator: sender, salt })`. */
  readonly viewId: Hex
}

/** @category actions @since 0.1.0 */
export type CreateViewErrorType = CoordinatorRevertErrorType<'ViewExists' | 'InvalidAccount' | 'InvalidRoundLimits' | 'ArrayLengthMismatch' | 'EmptyView' | 'TooManyPeers' | 'DuplicatePeer' | 'InvalidPermissions'> | CoordinatorWriteErrorType

/**
 * Creates a view at version 0 with its controller, peers and round limits. Its id is bound to the sender
 * and the salt (`viewIdOf(creator, salt)`): someone who copies the transaction creates a different view.
 *
 * - Contract function: `createView(bytes32 salt, bytes32 initialCommitment, bytes32 definitionHash, address controller, address[] peers, uint8[] permissions, uint32 maxTtl, uint32 grace) returns (bytes32 viewId)`
 * - Events: `ViewCreated`, `RoundLimitsChanged`, one `PeerPermissionsChanged` per peer.
 * - Reverts: `ViewExists` (the sender already used `salt`), `InvalidAccount`, `InvalidRoundLimits`, `EmptyView`,
 *   `TooManyPeers`, `DuplicatePeer`, `InvalidPermissions`.
 *
 * @param client - Client to use (a WalletClient with an account)
 * @param parameters - {@link CreateViewParameters}
 * @returns `{ viewId, hash, receipt, events }` (`{ viewId, hash }` with `wait: false`). {@link CreateViewReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, WalletClient } from 'viem'
 * import { createView, generateSalt, READ, WRITE } from 'lensync/coordinator'
 *
 * declare const walletClient: WalletClient, address: Address, initialCommitment: Hex, patient: Address, doctor: Address
 * const { viewId, receipt } = await createView(walletClient, {
 *   address, salt: generateSalt(), initialCommitment, controller: patient,
 *   peers: [{ address: patient, permissions: READ | WRITE }, { address: doctor, permissions: READ | WRITE }],
 *   maxTtl: 3_600,
 * })
 * // receipt.status: 'success', viewId: '0x…' (keccak256 of the sender and the salt)
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export async function createView<wait extends boolean = true>(
  client: CoordinatorWalletClient,
  parameters: CreateViewParameters<wait>,
): Promise<CreateViewReturnType<wait>> {
  const { salt, initialCommitment, controller, peers, definitionHash = zeroHash } = parameters
  const { maxTtl = defaultRoundLimits.maxTtl, grace = defaultRoundLimits.grace } = parameters
  const sender = parameters.account ?? client.account
  if (!sender) throw new CoordinatorParameterError({ message: 'No account: give the client an account or pass `account`.', pointer: '/account' })
  const viewId = computeViewId({ creator: typeof sender === 'string' ? sender : sender.address, salt })
  const outcome = await writeCoordinator(client, parameters, {
    functionName: 'createView',
    args: [salt, initialCommitment, definitionHash, controller, peers.map((p) => p.address), peers.map((p) => p.permissions), maxTtl, grace],
    viewId,
  })
  return { ...outcome, viewId } as CreateViewReturnType<wait>
}
