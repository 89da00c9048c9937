/**
 * The permissions of a view's peers: bits of the contract's `uint8 permissions`.
 *
 * @since 0.2.0
 */

/**
 * The READ permission (bit 0): the peer holds the view, fetches its payloads and acknowledges its
 * rounds.
 *
 * **Details**: permissions are a bit mask (a `uint8` on chain, a `number` here). Combine them with
 * `|`: `READ | WRITE` is a peer that may also propose. `0` is no permission (a peer that was
 * removed, or an account that never was one).
 *
 * **Example**
 * ```ts
 * import type { Address, Hex, WalletClient } from 'viem'
 * import { READ, WRITE, createView, generateSalt } from 'lensync/coordinator'
 *
 * declare const walletClient: WalletClient, address: Address, initialCommitment: Hex
 * declare const patient: Address, doctor: Address, researcher: Address
 * await createView(walletClient, {
 *   address, salt: generateSalt(), initialCommitment, controller: patient,
 *   peers: [
 *     { address: patient, permissions: READ | WRITE },
 *     { address: doctor, permissions: READ | WRITE },
 *     { address: researcher, permissions: READ },
 *   ],
 * })
 * ```
 *
 * @category permissions
 * @since 0.2.0
 */
export const READ = 1

/**
 * The WRITE permission (bit 1): the peer may propose updates (`proposeUpdate`). Usually given
 * together with {@link READ}: `READ | WRITE`.
 *
 * @category permissions
 * @since 0.2.0
 */
export const WRITE = 2

/**
 * Tells whether a permission mask holds every bit of `required`.
 *
 * **Example**
 * ```ts
 * import type { Address, Hex, PublicClient } from 'viem'
 * import { hasPermission, permissionsOf, WRITE } from 'lensync/coordinator'
 *
 * declare const publicClient: PublicClient, address: Address, viewId: Hex, doctor: Address
 * const mask = await permissionsOf(publicClient, { address, viewId, account: doctor })
 * if (!hasPermission(mask, WRITE)) console.log('read-only')
 * ```
 *
 * @param permissions - A mask, e.g. from `permissionsOf` or `peersOf`.
 * @param required - {@link READ}, {@link WRITE} or `READ | WRITE`.
 * @returns `true` when every bit of `required` is set in `permissions`.
 *
 * @category permissions
 * @since 0.2.0
 */
export function hasPermission(permissions: number, required: number): boolean {
  return (permissions & required) === required
}

/** `READ`, `WRITE`, `READ | WRITE`, `none`, or the number for bits the contract does not define. @internal */
export function formatPermissions(permissions: number): string {
  if (permissions === 0) return 'none'
  if ((permissions & ~(READ | WRITE)) !== 0) return String(permissions)
  return [hasPermission(permissions, READ) ? 'READ' : [], hasPermission(permissions, WRITE) ? 'WRITE' : []].flat().join(' | ')
}
