/**
 * Fault injection for tests: the named await points of a round, the hook the engine calls before
 * each of them, and the error a hook throws to simulate a crash.
 *
 * IMPORTANT: for tests only. A production peer passes no `faults`; the engine then pays one
 * `undefined` check per point.
 *
 * @since 0.1.0
 */
import type { Hex } from 'viem'
import { LensyncError } from '../../errors.js'

/**
 * Every await point of a round, in the order a round meets them:
 * - proposer: `propose:read` (chain state), `propose:publish` (payload to the transport),
 *   `propose:send` (the `proposeUpdate` transaction and its confirmation), `propose:stage`;
 * - receiver: `receive:read` (chain state), `receive:fetch` (payload), `receive:stage`
 *   (stage + processed mark), `ack:send` (direct `ack`, or signing in relay mode), `ack:handover`
 *   (the signature to the proposer's ack channel);
 * - closing: `finish:promote` and `finish:discard` (a `RoundCompleted` / `RoundAborted` event),
 *   `cancel:send` (the controller cancels a round it refused for good);
 * - every sync: `cursor:advance` (the event cursor saved), `reconcile:read`, `reconcile:promote`,
 *   `reconcile:discard`, `reconcile:expire`, `reconcile:republish`, `relay:send`
 *   (`ackWithSignatures`), `propagate` (record changes to the other views).
 *
 * @category models
 * @since 0.1.0
 */
export type FaultPoint =
  | 'propose:read'
  | 'propose:publish'
  | 'propose:send'
  | 'propose:stage'
  | 'receive:read'
  | 'receive:fetch'
  | 'receive:stage'
  | 'ack:send'
  | 'ack:handover'
  | 'finish:promote'
  | 'finish:discard'
  | 'cancel:send'
  | 'cursor:advance'
  | 'reconcile:read'
  | 'reconcile:promote'
  | 'reconcile:discard'
  | 'reconcile:expire'
  | 'reconcile:republish'
  | 'relay:send'
  | 'propagate'

/**
 * Every {@link FaultPoint}, in round order (tests enumerate it).
 *
 * @category constructors
 * @since 0.1.0
 */
export const faultPoints: readonly FaultPoint[] = [
  'propose:read',
  'propose:publish',
  'propose:send',
  'propose:stage',
  'receive:read',
  'receive:fetch',
  'receive:stage',
  'ack:send',
  'ack:handover',
  'finish:promote',
  'finish:discard',
  'cancel:send',
  'cursor:advance',
  'reconcile:read',
  'reconcile:promote',
  'reconcile:discard',
  'reconcile:expire',
  'reconcile:republish',
  'relay:send',
  'propagate',
] satisfies readonly FaultPoint[]

/**
 * Where a fault point was reached: the view and round when the point belongs to one.
 *
 * @category models
 * @since 0.1.0
 */
export interface FaultSite {
  readonly viewId?: Hex | undefined
  readonly round?: bigint | undefined
}

/**
 * Called by the engine before each await point of a round (`CreatePeerParameters.faults`). Throw an
 * {@link InjectedFault} to simulate a crash there: it is never caught by the engine's per-view
 * isolation, so it leaves the operation (`sync`, `update`…) as a crash would. For tests only.
 *
 * @category models
 * @since 0.1.0
 */
export type FaultHook = (point: FaultPoint, site: FaultSite) => void

/**
 * A crash simulated by a {@link FaultHook} at `point`. The peer that threw it must be treated as
 * dead: close its transport and start a new peer over the same storage.
 *
 * @category errors
 * @since 0.1.0
 */
export class InjectedFault extends LensyncError {
  override name = 'InjectedFault' as const
  readonly code: 'InjectedFault' = 'InjectedFault'
  readonly point: FaultPoint

  constructor(parameters: { readonly point: FaultPoint; readonly site?: FaultSite | undefined }) {
    const site = parameters.site ?? {}
    super(`InjectedFault: a test crashed the peer at "${parameters.point}".`, {
      metaMessages: [...(site.viewId !== undefined ? [`View: ${site.viewId}`] : []), ...(site.round !== undefined ? [`Round: ${site.round}`] : [])],
    })
    this.point = parameters.point
  }
}

/** @category errors @since 0.1.0 */
export type InjectedFaultType = InjectedFault & { name: 'InjectedFault' }

/**
 * Tells whether `error` is an {@link InjectedFault}.
 *
 * @category errors
 * @since 0.1.0
 */
export const isInjectedFault = (error: unknown): error is InjectedFault => error instanceof InjectedFault
