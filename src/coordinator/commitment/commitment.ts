/**
 * View commitments: the salted, domain-separated hash a peer publishes on chain for one version of a
 * view.
 *
 * @since 0.1.0
 */
import { encodeAbiParameters, isAddress, keccak256 } from 'viem'
import type { Address, Hex } from 'viem'
import { CommitmentError } from './errors.js'

/**
 * The domain tag of every lensync view commitment: `keccak256("lensync.ViewCommitment.v2")` (the
 * UTF-8 bytes of the string, no length prefix).
 *
 * **Details**
 * - It keeps a commitment from ever equalling a hash made for another purpose over the same words.
 *   A future encoding gets a new tag (`…v3`).
 * - In Solidity: `bytes32 constant VIEW_COMMITMENT_TAG = keccak256("lensync.ViewCommitment.v2");`
 *
 * @category commitments
 * @since 0.1.0
 */
export const viewCommitmentTag: Hex = '0xd5139f57168d3f3d2e6c3df7019ff7f05a1b749868cbce947a42e86947bf18f7'

/**
 * The ABI types of the words hashed by {@link commitment}, in order: tag, chain id, coordinator,
 * view id, version, salt, digest.
 *
 * @category commitments
 * @since 0.1.0
 */
export const viewCommitmentAbiParameters = [
  { name: 'tag', type: 'bytes32' },
  { name: 'chainId', type: 'uint256' },
  { name: 'coordinator', type: 'address' },
  { name: 'viewId', type: 'bytes32' },
  { name: 'version', type: 'uint64' },
  { name: 'salt', type: 'bytes32' },
  { name: 'digest', type: 'bytes32' },
] as const

/**
 * Parameters of {@link commitment}.
 *
 * @category commitments
 * @since 0.1.0
 */
export interface CommitmentParameters {
  /** Chain id of the chain the coordinator lives on (`uint256`). */
  readonly chainId: number | bigint
  /** Address of the ViewCoordinator contract (lowercase or EIP-55 checksummed). */
  readonly coordinator: Address
  /** The view's 32-byte id (see `newViewId`). */
  readonly viewId: Hex
  /** The version being committed to (`uint64`): the view's current version plus one for a proposal. */
  readonly version: number | bigint
  /** A fresh 32-byte salt for this version (see `generateSalt`). */
  readonly salt: Hex
  /** The 32-byte view digest (see `viewDigest`). */
  readonly digest: Hex
}

/**
 * Returns the commitment to one version of a view:
 * `keccak256(abi.encode(TAG, chainId, coordinator, viewId, version, salt, digest))`.
 *
 * **When to use**
 * - The proposer computes it for the view it wants and sends it to `proposeUpdate`; every other peer
 *   recomputes it from its own stored view (with the salt received off chain) and acks only on a match.
 *
 * **Details**
 * - Encoding, so any implementation can reproduce it: Solidity `abi.encode` of seven static words,
 *   224 bytes, no packing, each value left-padded to 32 bytes:
 *   `bytes32 TAG` ({@link viewCommitmentTag}), `uint256 chainId`, `address coordinator`,
 *   `bytes32 viewId`, `uint64 version`, `bytes32 salt`, `bytes32 digest`; then `keccak256` over the
 *   224 bytes. In Solidity:
 *   `keccak256(abi.encode(VIEW_COMMITMENT_TAG, block.chainid, address(this), viewId, version, salt, digest))`.
 * - The tag, chain id and coordinator address bind the commitment to lensync, one chain and one
 *   contract, so it cannot be replayed elsewhere; the view id and version bind it to one version of
 *   one view.
 * - The salt hides the digest: never reuse one (see `generateSalt`).
 * - Throws {@link CommitmentError} (`InvalidParameter`, pointer naming the field) for a chain id outside
 *   `uint256`, a version outside `uint64`, a non-integer or unsafe `number`, an address that is not 20
 *   bytes of hex or has a wrong EIP-55 checksum, or a view id, salt or digest that is not exactly 32
 *   bytes of hex.
 *
 * **Example** (the pinned test vector; Solidity's `abi.encode` gives the same hash)
 * ```ts
 * import { commitment } from 'lensync/coordinator'
 * console.log(
 *   commitment({
 *     chainId: 31337,
 *     coordinator: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *     viewId: `0x${'11'.repeat(32)}`,
 *     version: 1n,
 *     salt: `0x${'22'.repeat(32)}`,
 *     digest: `0x${'33'.repeat(32)}`,
 *   }),
 * )
 * // Output: 0x3ecc4c76d248b50f5dd31f8807503e69f2efe566627cb307f54ee67c03f15b6e
 * ```
 *
 * @param parameters - {@link CommitmentParameters}
 * @returns The 32-byte commitment as hex.
 * @throws {@link CommitmentError} when a parameter cannot be encoded.
 * @see {@link viewDigest} for the digest, {@link generateSalt} for the salt.
 * @category commitments
 * @since 0.1.0
 */
export function commitment(parameters: CommitmentParameters): Hex {
  const { chainId, coordinator, viewId, version, salt, digest } = parameters
  const encoded = encodeAbiParameters(viewCommitmentAbiParameters, [
    viewCommitmentTag,
    unsigned(chainId, 256, '/chainId'),
    address(coordinator),
    bytes32(viewId, '/viewId'),
    unsigned(version, 64, '/version'),
    bytes32(salt, '/salt'),
    bytes32(digest, '/digest'),
  ])
  return keccak256(encoded)
}

const bytes32Pattern = /^0x[0-9a-fA-F]{64}$/

function bytes32(value: unknown, pointer: string): Hex {
  if (typeof value === 'string' && bytes32Pattern.test(value)) return value as Hex
  throw new CommitmentError({ code: 'InvalidParameter', pointer, expected: '32 bytes as 0x-prefixed hex (66 characters)', received: value })
}

function address(value: unknown): Address {
  if (typeof value === 'string' && isAddress(value)) return value
  throw new CommitmentError({
    code: 'InvalidParameter',
    pointer: '/coordinator',
    expected: 'a 20-byte address as 0x-prefixed hex, lowercase or with a valid EIP-55 checksum',
    received: value,
  })
}

function unsigned(value: unknown, bits: 64 | 256, pointer: string): bigint {
  const n = typeof value === 'bigint' ? value : typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : undefined
  if (n !== undefined && n >= 0n && n < 1n << BigInt(bits)) return n
  throw new CommitmentError({
    code: 'InvalidParameter',
    pointer,
    expected: `an integer in [0, 2^${bits}) as a bigint or a safe-integer number (uint${bits})`,
    received: value,
  })
}
