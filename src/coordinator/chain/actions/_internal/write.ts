import type { ContractFunctionArgs, ContractFunctionName, Hash, Hex, TransactionReceipt } from 'viem'
import { estimateContractGas, simulateContract, waitForTransactionReceipt, writeContract } from 'viem/actions'
import { getAction } from 'viem/utils'
import { viewCoordinatorAbi } from '../../abi.js'
import { CoordinatorError, CoordinatorParameterError, getCoordinatorError } from '../../errors.js'
import { type CoordinatorLog, decodeCoordinatorLogs } from '../../events.js'
import type { CoordinatorWalletClient, WriteParameters } from '../types.js'

export type { CoordinatorReadClient, CoordinatorWalletClient, WriteParameters, WriteReturnType } from '../types.js'

type WriteMutability = 'nonpayable' | 'payable'

/** A state-changing function of the ViewCoordinator. @internal */
export type WriteFunctionName = ContractFunctionName<typeof viewCoordinatorAbi, WriteMutability>

/** One contract call, its arguments typed by the ABI (a union discriminated by `functionName`). @internal */
export type WriteRequest = {
  readonly [functionName in WriteFunctionName]: {
    readonly functionName: functionName
    readonly args: ContractFunctionArgs<typeof viewCoordinatorAbi, WriteMutability, functionName>
    /** The view the call concerns, named in a typed error when the revert does not carry it. */
    readonly viewId: Hex
  }
}[WriteFunctionName]

/** @internal */
export type WriteOutcome =
  | { readonly hash: Hash; readonly receipt?: undefined; readonly events?: undefined }
  | { readonly hash: Hash; readonly receipt: TransactionReceipt; readonly events: readonly CoordinatorLog[] }

/**
 * Simulates (so a revert decodes before anything is sent), sends, and unless `wait` is false waits for the
 * receipt. Reverts become typed {@link CoordinatorError}s. A transaction that reverts when mined (it lost a
 * race after simulating) is replayed against the state of its block to name the error.
 *
 * @internal
 */
export async function writeCoordinator(
  client: CoordinatorWalletClient,
  parameters: WriteParameters<boolean>,
  request: WriteRequest,
): Promise<WriteOutcome> {
  const { address, wait = true } = parameters
  const account = parameters.account ?? client.account
  if (!account) throw new CoordinatorParameterError({ message: 'No account: give the client an account or pass `account`.', pointer: '/account' })
  const { functionName, args, viewId } = request
  const call = { address, abi: viewCoordinatorAbi, functionName, args, account } as const
  try {
    await getAction(client, simulateContract, 'simulateContract')(call)
  } catch (error) {
    throw getCoordinatorError(error, { viewId, functionName })
  }
  let hash: Hash
  try {
    const gas = parameters.gas ?? ((await getAction(client, estimateContractGas, 'estimateContractGas')(call)) * 125n) / 100n
    hash = await getAction(client, writeContract, 'writeContract')({ ...call, gas, chain: client.chain })
  } catch (error) {
    throw getCoordinatorError(error, { viewId, functionName })
  }
  if (!wait) return { hash }
  const receipt = await getAction(client, waitForTransactionReceipt, 'waitForTransactionReceipt')({ hash, pollingInterval: parameters.pollingInterval })
  if (receipt.status === 'reverted') {
    try {
      await getAction(client, simulateContract, 'simulateContract')({ ...call, blockNumber: receipt.blockNumber })
    } catch (error) {
      throw getCoordinatorError(error, { viewId, functionName })
    }
    throw new CoordinatorError({
      errorName: 'Unknown',
      args: { reason: `transaction ${hash} reverted in block ${receipt.blockNumber}` },
      viewId,
      functionName,
    })
  }
  return { hash, receipt, events: decodeCoordinatorLogs(receipt.logs, { address }) }
}

/** The first event named `name` in `events`. @internal */
export function findEvent<name extends CoordinatorLog['eventName']>(
  events: readonly CoordinatorLog[],
  name: name,
): CoordinatorLog<name> | undefined {
  return events.find((event) => event.eventName === name) as CoordinatorLog<name> | undefined
}
