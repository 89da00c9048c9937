/**
 * The transport's `authorize` callback backed by the contract.
 *
 * @since 0.1.0
 */
import type { Address } from 'viem'
import { permissionsOf } from '../chain/actions/permissionsOf.js'
import type { CoordinatorReadClient } from '../chain/actions/_internal/write.js'
import type { AuthorizeFetch } from './types.js'

/**
 * An {@link AuthorizeFetch} that serves a view's payloads only to the view's peers on chain
 * (`permissionsOf(viewId, requester)` is non-zero), read at the moment of each fetch.
 *
 * **When to use**
 * - As `authorize` of `inProcessTransport` / `httpTransport` for a peer: a non-member never receives
 *   a view's data, and a removed peer stops receiving it at once.
 *
 * **Details**
 * - Any member may fetch, READ-only or WRITE-only: every peer must ack, and to ack it must hold the data.
 * - An unknown view or a failed read rejects, which the transport answers as a server error.
 *
 * **Example**
 * ```ts
 * import type { Address, LocalAccount, PublicClient } from 'viem'
 * import { authorizeMembers, createTransportHub, inProcessTransport } from 'lensync/coordinator'
 *
 * declare const publicClient: PublicClient, account: LocalAccount, coordinator: Address
 * const hub = createTransportHub()
 * const transport = inProcessTransport(hub, { account, chainId: 31337, coordinator, authorize: authorizeMembers(publicClient, coordinator) })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export function authorizeMembers(client: CoordinatorReadClient, coordinator: Address): AuthorizeFetch {
  return async ({ viewId, requester }) => (await permissionsOf(client, { address: coordinator, viewId, account: requester })) !== 0
}
