import type { Chain, ContractFunctionArgs, ContractFunctionName, ContractFunctionReturnType, Hex } from 'viem'
import { readContract } from 'viem/actions'
import { getAction } from 'viem/utils'
import { viewCoordinatorAbi } from '../../abi.js'
import { getCoordinatorError } from '../../errors.js'
import type { CoordinatorReadClient, ReadParameters } from '../types.js'

export type { ReadParameters } from '../types.js'

type ReadMutability = 'view' | 'pure'
type Abi = typeof viewCoordinatorAbi

/** A view function of the ViewCoordinator. @internal */
export type ReadFunctionName = ContractFunctionName<Abi, ReadMutability>

/** One view call, its arguments typed by the ABI. @internal */
export interface ReadRequest<functionName extends ReadFunctionName, args extends ContractFunctionArgs<Abi, ReadMutability, functionName>> {
  readonly functionName: functionName
  readonly args: args
  /** The view the call concerns, named in a typed error when the revert does not carry it. */
  readonly viewId: Hex
}

/** Calls a view function, rethrowing reverts as typed errors; arguments and result typed by the ABI. @internal */
export async function readCoordinator<
  functionName extends ReadFunctionName,
  const args extends ContractFunctionArgs<Abi, ReadMutability, functionName>,
>(
  client: CoordinatorReadClient,
  parameters: ReadParameters,
  request: ReadRequest<functionName, args>,
): Promise<ContractFunctionReturnType<Abi, ReadMutability, functionName, args>> {
  const { address, blockNumber, blockTag } = parameters
  const { functionName, args, viewId } = request
  try {
    return await getAction(client, readContract, 'readContract')<Chain | undefined, Abi, functionName, args>({
      address,
      abi: viewCoordinatorAbi,
      functionName,
      args,
      ...(blockNumber !== undefined ? { blockNumber } : blockTag !== undefined ? { blockTag } : {}),
    })
  } catch (error) {
    throw getCoordinatorError(error, { viewId, functionName })
  }
}
