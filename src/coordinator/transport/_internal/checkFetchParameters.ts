/**
 * Checks the arguments of `Transport.fetch` before anything is signed or sent.
 *
 * @internal
 */
import { isAddress } from 'viem'
import { TransportError } from '../errors.js'
import type { FetchPayloadParameters } from '../types.js'

const bytes32Pattern = /^0x[0-9a-fA-F]{64}$/

/** Throws `InvalidPayload` naming the bad argument. */
export function checkFetchParameters(parameters: FetchPayloadParameters): void {
  const fail = (pointer: string, message: string) => {
    throw new TransportError({ code: 'InvalidPayload', pointer, message: `fetch: ${message}` })
  }
  if (typeof parameters.viewId !== 'string' || !bytes32Pattern.test(parameters.viewId)) fail('/viewId', 'viewId must be 32 bytes as 0x-prefixed hex.')
  if (typeof parameters.round !== 'bigint' || parameters.round < 0n || parameters.round >= 2n ** 64n) fail('/round', 'round must be a uint64 bigint.')
  if (typeof parameters.from !== 'string' || !isAddress(parameters.from, { strict: false })) fail('/from', 'from must be the proposer address.')
}
