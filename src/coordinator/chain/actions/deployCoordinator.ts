import type { Account, Address, DeployContractErrorType, Hash, TransactionReceipt, WaitForTransactionReceiptErrorType } from 'viem'
import { deployContract, waitForTransactionReceipt } from 'viem/actions'
import { getAction } from 'viem/utils'
import { viewCoordinatorAbi, viewCoordinatorBytecode } from '../abi.js'
import {
  CoordinatorError,
  CoordinatorParameterError,
  type CoordinatorParameterErrorType,
  getCoordinatorError,
  UnsupportedEvmError,
  type UnsupportedEvmErrorType,
  type UnknownCoordinatorErrorType,
} from '../errors.js'
import type { CoordinatorWalletClient } from './_internal/write.js'

/**
 * Parameters of {@link deployCoordinator}.
 *
 * @category actions
 * @since 0.1.0
 */
export interface DeployCoordinatorParameters {
  /** The deployer; defaults to the client's `account`. */
  readonly account?: Account | Address | undefined
  /** Receipt polling interval in ms. @defaultValue the client's `pollingInterval` */
  readonly pollingInterval?: number | undefined
}

/**
 * Result of {@link deployCoordinator}.
 *
 * @category actions
 * @since 0.1.0
 */
export interface DeployCoordinatorReturnType {
  /** Address of the new ViewCoordinator. */
  readonly address: Address
  readonly hash: Hash
  readonly receipt: TransactionReceipt
}

/** @category actions @since 0.1.0 */
export type DeployCoordinatorErrorType =
  | UnsupportedEvmErrorType
  | CoordinatorParameterErrorType
  | UnknownCoordinatorErrorType
  | DeployContractErrorType
  | WaitForTransactionReceiptErrorType

/** How nodes report an instruction their EVM does not have. */
const unknownInstruction = /NotActivated|invalid opcode|InvalidFEOpcode|OpcodeNotFound|undefined instruction/i

/**
 * Deploys a ViewCoordinator (the compiled `viewCoordinatorBytecode`) and waits for it to be mined.
 *
 * - Contract function: `constructor()`
 *
 * **When to use**: once per chain (tests, local networks); every view then lives in this one contract.
 *
 * **Details**: the bytecode is compiled for EVM version `paris` (`coordinatorEvmVersion`); on a chain
 * whose EVM predates it the deployment fails with {@link UnsupportedEvmError}.
 *
 * @param client - Client to use (a WalletClient with an account)
 * @param parameters - {@link DeployCoordinatorParameters}
 * @returns The contract address, hash and receipt. {@link DeployCoordinatorReturnType}
 *
 * @example
 * ```ts
 * import { createWalletClient, http, type Hex } from 'viem'
 * import { privateKeyToAccount } from 'viem/accounts'
 * import { foundry } from 'viem/chains'
 * import { deployCoordinator } from 'lensync/coordinator'
 *
 * declare const key: Hex
 * const walletClient = createWalletClient({ account: privateKeyToAccount(key), chain: foundry, transport: http() })
 * const { address } = await deployCoordinator(walletClient)
 * // '0x5FbDB2315678afecb367f032d93F642f64180aa3'
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export async function deployCoordinator(
  client: CoordinatorWalletClient,
  parameters: DeployCoordinatorParameters = {},
): Promise<DeployCoordinatorReturnType> {
  const account = parameters.account ?? client.account
  if (!account) throw new CoordinatorParameterError({ message: 'No account: give the client an account or pass `account`.', pointer: '/account' })
  let hash: Hash
  try {
    hash = await getAction(client, deployContract, 'deployContract')({
      abi: viewCoordinatorAbi,
      bytecode: viewCoordinatorBytecode,
      account,
      chain: client.chain,
    })
  } catch (error) {
    if (unknownInstruction.test(String((error as Error)?.message ?? error)))
      throw new UnsupportedEvmError({ detail: 'the node does not know an instruction of the bytecode', cause: error })
    throw getCoordinatorError(error, { functionName: 'constructor' })
  }
  const receipt = await getAction(client, waitForTransactionReceipt, 'waitForTransactionReceipt')({
    hash,
    pollingInterval: parameters.pollingInterval,
  })
  if (receipt.status !== 'success' || !receipt.contractAddress)
    throw new UnsupportedEvmError({ detail: `the deployment transaction ${hash} failed (the constructor cannot revert on a supported EVM)` })
  return { address: receipt.contractAddress, hash, receipt }
}
