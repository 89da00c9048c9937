import type { Address, BlockNumber, BlockTag } from 'viem'
import { readContract } from 'viem/actions'
import { getAction } from 'viem/utils'
import { viewCoordinatorAbi } from '../../abi.js'
import { getCoordinatorError } from '../../errors.js'
import type { CoordinatorReadClient } from './write.js'

/**
 * Options every read action takes.
 *
 * @category actions
 * @since 0.1.0
 */
export interface ReadParameters {
  /** The ViewCoordinator address. */
  readonly address: Address
  /** Read at this block. @defaultValue latest */
  readonly blockNumber?: BlockNumber | undefined
  /** Read at this tag (ignored with `blockNumber`). @defaultValue 'latest' */
  readonly blockTag?: BlockTag | undefined
}

type ReadFunction = 'getView' | 'permissionsOf' | 'peersOf' | 'ackDigest'

/** Calls a view function, rethrowing reverts as typed errors. @internal */
export async function readCoordinator<result>(
  client: CoordinatorReadClient,
  parameters: ReadParameters,
  functionName: ReadFunction,
  args: readonly unknown[],
): Promise<result> {
  const { address, blockNumber, blockTag } = parameters
  try {
    return (await getAction(client, readContract, 'readContract')({
      address,
      abi: viewCoordinatorAbi,
      functionName,
      args,
      ...(blockNumber !== undefined ? { blockNumber } : blockTag !== undefined ? { blockTag } : {}),
    } as never)) as result
  } catch (error) {
    throw getCoordinatorError(error, { viewId: args[0] as `0x${string}`, functionName })
  }
}
