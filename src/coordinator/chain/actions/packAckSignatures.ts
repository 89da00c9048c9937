import { type Hex, concat, numberToHex, size } from 'viem'
import { CoordinatorParameterError, type CoordinatorParameterErrorType } from '../errors.js'

/**
 * One signed acknowledgement for {@link ackWithSignatures}.
 *
 * @category models
 * @since 0.1.0
 */
export interface AckSignature {
  /** The signer's index in `peersOf` (0–63). */
  readonly peerIndex: number
  /** A 65-byte `r | s | v` ECDSA signature, or any ERC-1271 signature of a contract peer. */
  readonly signature: Hex
}

/** @category actions @since 0.1.0 */
export type PackAckSignaturesReturnType = Hex

/** @category actions @since 0.1.0 */
export type PackAckSignaturesErrorType = CoordinatorParameterErrorType

/**
 * Packs acknowledgement signatures into the contract's `packedSigs` format: per entry
 * `peerIndex (1 byte) | length (2 bytes, big-endian) | signature`.
 *
 * - Contract function: none (the encoding of `ackWithSignatures`' `packedSigs`)
 *
 * **Details**: throws {@link CoordinatorParameterError} (pointer `/i/peerIndex` or `/i/signature`) for an
 * index outside 0–255 or a signature that is not hex or is longer than 65535 bytes. Order is kept: the
 * contract names a bad entry by its position.
 *
 * @param signatures - The entries, in the order to relay them
 * @returns The packed bytes. {@link PackAckSignaturesReturnType}
 *
 * @example
 * ```ts
 * import type { Hex } from 'viem'
 * import { packAckSignatures } from 'lensync/coordinator'
 *
 * declare const signature: Hex // 65 bytes, from signAck
 * packAckSignatures([{ peerIndex: 2, signature }])
 * // '0x020041…' (1 + 2 + 65 bytes)
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export function packAckSignatures(signatures: readonly AckSignature[]): PackAckSignaturesReturnType {
  return concat([
    '0x',
    ...signatures.flatMap(({ peerIndex, signature }, i) => {
      if (!Number.isInteger(peerIndex) || peerIndex < 0 || peerIndex > 255)
        throw new CoordinatorParameterError({ message: `packAckSignatures: peerIndex must be an integer in 0–255, got ${peerIndex}.`, pointer: `/${i}/peerIndex` })
      if (typeof signature !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(signature) || size(signature) > 0xffff)
        throw new CoordinatorParameterError({ message: 'packAckSignatures: signature must be hex bytes, at most 65535 of them.', pointer: `/${i}/signature` })
      return [numberToHex(peerIndex, { size: 1 }), numberToHex(size(signature), { size: 2 }), signature]
    }),
  ])
}
