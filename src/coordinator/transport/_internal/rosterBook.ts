/**
 * The membership of every view round by round, rebuilt from the coordinator's events alone (pure: the
 * chain roster feeds it logs).
 *
 * @internal
 */
import { getAddress, type Address, type Hex } from 'viem'
import type { CoordinatorLog } from '../../chain/events.js'
import type { OpenRound } from '../types.js'

interface ViewTrack {
  /** Members now (non-zero permissions). */
  readonly members: Map<Address, number>
  /** The roster in force from `fromRound` on, oldest first (membership only changes between rounds). */
  readonly epochs: { fromRound: bigint; members: readonly Address[] }[]
  /** The last round proposed (0n: none yet). */
  lastRound: bigint
  open: OpenRound | undefined
}

/** What the events say about each view. */
export interface RosterBook {
  apply(log: CoordinatorLog): void
  /** Members now (`round` 0) or when `round` was proposed; `undefined` for an unknown view or a round not proposed yet. */
  membersAt(viewId: Hex, round: bigint): readonly Address[] | undefined
  openRound(viewId: Hex): OpenRound | undefined
}

export function createRosterBook(): RosterBook {
  const views = new Map<string, ViewTrack>()
  const track = (viewId: Hex): ViewTrack => {
    const key = viewId.toLowerCase()
    let view = views.get(key)
    if (view === undefined) views.set(key, (view = { members: new Map(), epochs: [], lastRound: 0n, open: undefined }))
    return view
  }
  return {
    apply(log) {
      const view = track(log.args.viewId)
      switch (log.eventName) {
        case 'PeerPermissionsChanged': {
          const peer = getAddress(log.args.peer)
          if (log.args.permissions === 0) view.members.delete(peer)
          else view.members.set(peer, log.args.permissions)
          const fromRound = view.lastRound + 1n
          const members = [...view.members.keys()]
          const last = view.epochs[view.epochs.length - 1]
          if (last?.fromRound === fromRound) last.members = members
          else view.epochs.push({ fromRound, members })
          break
        }
        case 'UpdateProposed':
          view.lastRound = log.args.round
          view.open = {
            viewId: log.args.viewId.toLowerCase() as Hex,
            round: log.args.round,
            proposer: getAddress(log.args.proposer),
            version: log.args.version,
            commitment: log.args.commitment,
            deadline: BigInt(log.args.deadline),
          }
          break
        case 'RoundCompleted':
        case 'RoundAborted':
          if (view.open?.round === log.args.round) view.open = undefined
          break
        default:
          break
      }
    },
    membersAt(viewId, round) {
      const view = views.get(viewId.toLowerCase())
      if (view === undefined || view.epochs.length === 0) return undefined
      if (round === 0n) return [...view.members.keys()]
      if (round > view.lastRound) return undefined
      for (let i = view.epochs.length - 1; i >= 0; i--) if (view.epochs[i]!.fromRound <= round) return view.epochs[i]!.members
      return []
    },
    openRound: (viewId) => views.get(viewId.toLowerCase())?.open,
  }
}
