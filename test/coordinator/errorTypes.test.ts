/**
 * The `…ErrorType` unions list what each action really throws: its own contract reverts, the unknown
 * revert, and viem's errors of the calls it makes — not any `Error` (checked by `tsc --noEmit`).
 */
import { describe, expectTypeOf, test } from 'vitest'
import type { LensyncError } from 'lensync'
import type {
  AckErrorType,
  CreateViewErrorType,
  DeployCoordinatorErrorType,
  GetHistoryErrorType,
  GetViewErrorType,
  MissingPermissionErrorType,
  ProposeUpdateErrorType,
  RoundOpenErrorType,
  StaleBaseErrorType,
  UnknownCoordinatorErrorType,
  UnknownViewErrorType,
  ViewExistsErrorType,
} from 'lensync/coordinator'

describe('ErrorType unions', () => {
  test('default: an action lists its own reverts and the unknown revert', () => {
    expectTypeOf<StaleBaseErrorType>().toExtend<ProposeUpdateErrorType>()
    expectTypeOf<RoundOpenErrorType>().toExtend<ProposeUpdateErrorType>()
    expectTypeOf<MissingPermissionErrorType>().toExtend<ProposeUpdateErrorType>()
    expectTypeOf<UnknownCoordinatorErrorType>().toExtend<ProposeUpdateErrorType>()
    expectTypeOf<ViewExistsErrorType>().toExtend<CreateViewErrorType>()
    expectTypeOf<UnknownViewErrorType>().toExtend<GetViewErrorType>()
  })

  test('behavior: a revert another function raises is not in the union', () => {
    expectTypeOf<ViewExistsErrorType>().not.toExtend<ProposeUpdateErrorType>()
    expectTypeOf<StaleBaseErrorType>().not.toExtend<AckErrorType>()
    expectTypeOf<RoundOpenErrorType>().not.toExtend<GetViewErrorType>()
  })

  test('behavior: no union admits an arbitrary Error or LensyncError', () => {
    expectTypeOf<Error>().not.toExtend<ProposeUpdateErrorType>()
    expectTypeOf<Error>().not.toExtend<GetViewErrorType>()
    expectTypeOf<Error>().not.toExtend<DeployCoordinatorErrorType>()
    expectTypeOf<Error>().not.toExtend<GetHistoryErrorType>()
    expectTypeOf<LensyncError>().not.toExtend<AckErrorType>()
  })
})
