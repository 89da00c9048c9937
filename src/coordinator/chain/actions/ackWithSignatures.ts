import type { Hex } from 'viem'
import type { CoordinatorRevertErrorType, CoordinatorWriteErrorType } from '../errors.js'
import { type CoordinatorWalletClient, type WriteParameters, type WriteReturnType, findEvent, writeCoordinator } from './_internal/write.js'
import { type AckSignature, packAckSignatures } from './packAckSignatures.js'

/**
 * Parameters of {@link ackWithSignatures}.
 *
 * @category actions
 * @since 0.1.0
 */
export interface AckWithSignaturesParameters<wait extends boolean = true> extends WriteParameters<wait> {
  readonly viewId: Hex
  /** The open round. */
  readonly round: bigint
  /** The pending commitment. */
  readonly commitment: Hex
  /** Signatures from {@link signAck}, each with its signer's peer index. */
  readonly signatures: readonly AckSignature[]
}

/**
 * What {@link ackWithSignatures} decodes from its receipt.
 *
 * @category actions
 * @since 0.1.0
 */
export interface AckWithSignaturesResult {
  /** Bit mask of the peers whose acknowledgement this transaction recorded (already-acked signers are skipped). */
  readonly signers: bigint
  /** `true` when the round completed. */
  readonly completed: boolean
  /**
   * The entries the contract skipped (`AckSignatureRejected`): `index` in `signatures`, and the peer it
   * named (zero when it named none or was truncated). The other entries still count. @since 0.2.0
   */
  readonly rejected: readonly { readonly index: number; readonly signer: Hex }[]
}

/** @category actions @since 0.1.0 */
export type AckWithSignaturesReturnType<wait extends boolean = true> = WriteReturnType<wait, AckWithSignaturesResult>

/** @category actions @since 0.1.0 */
export type AckWithSignaturesErrorType = CoordinatorRevertErrorType<'UnknownView' | 'NoOpenRound' | 'WrongRound' | 'RoundExpired' | 'CommitmentMismatch'> | CoordinatorWriteErrorType

/**
 * Relays EIP-712 acknowledgements of several peers in one transaction. Anyone can relay; entries of peers
 * that already acked are skipped unverified, and an entry that does not verify (a wrong signer, a smart
 * wallet that answers differently on chain than in simulation, one that burns gas: ERC-1271 checks get
 * 50 000 gas) is skipped and reported in `rejected`: it never reverts the batch.
 *
 * - Contract function: `ackWithSignatures(bytes32 viewId, uint64 round, bytes32 commitment, bytes packedSigs)`
 * - Events: `AckSignatureRejected` per skipped entry, `AcksRecorded` (when something new was recorded) and
 *   `RoundCompleted` (when complete).
 * - Reverts: as `ack` (`UnknownView`, `NoOpenRound`, `WrongRound`, `RoundExpired`, `CommitmentMismatch`) and
 *   `InsufficientGasForSignatureCheck` when the gas limit is too low for an ERC-1271 check.
 *
 * @param client - Client to use (any WalletClient: the relayer pays the gas)
 * @param parameters - {@link AckWithSignaturesParameters}
 * @returns `{ hash, receipt, events, signers, completed, rejected }`. {@link AckWithSignaturesReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, WalletClient } from 'viem'
 * import { ackWithSignatures } from 'lensync/coordinator'
 *
 * declare const relayerClient: WalletClient, address: Address, viewId: Hex, pending: Hex, signature: Hex
 * const { signers } = await ackWithSignatures(relayerClient, {
 *   address, viewId, round: 1n, commitment: pending, signatures: [{ peerIndex: 2, signature }],
 * })
 * // signers: 4n
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export async function ackWithSignatures<wait extends boolean = true>(
  client: CoordinatorWalletClient,
  parameters: AckWithSignaturesParameters<wait>,
): Promise<AckWithSignaturesReturnType<wait>> {
  const { viewId, round, commitment, signatures } = parameters
  const packed = packAckSignatures(signatures)
  const outcome = await writeCoordinator(client, parameters, {
    functionName: 'ackWithSignatures',
    args: [viewId, round, commitment, packed],
    viewId,
  })
  if (!outcome.receipt) return outcome as AckWithSignaturesReturnType<wait>
  return {
    ...outcome,
    signers: findEvent(outcome.events, 'AcksRecorded')?.args.signers ?? 0n,
    completed: findEvent(outcome.events, 'RoundCompleted') !== undefined,
    rejected: outcome.events.flatMap((event) =>
      event.eventName === 'AckSignatureRejected' ? [{ index: Number(event.args.index), signer: event.args.signer }] : [],
    ),
  } as AckWithSignaturesReturnType<wait>
}
