// SPDX-License-Identifier: MIT
// lensync v0.1.0 (contracts/IViewCoordinator.sol)

pragma solidity ^0.8.24;

import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";

/**
 * @title IViewCoordinator
 * @dev Acknowledgement rounds for views of a record that several peers hold off chain.
 *
 * A view is identified by `viewId = keccak256(abi.encode(creator, salt))` ({viewIdOf}): the account that
 * created it and a random 32-byte salt of its choosing. It has a controller (the patient or data subject),
 * at most 64 peers with per-view permissions (`READ = 1`, `WRITE = 2`), a `head` commitment (the
 * salted hash of the version every peer holds) and a version counter. A WRITE peer opens a round with
 * {proposeUpdate}; every peer of the view then acknowledges the new commitment, directly with {ack} or
 * through EIP-712 signatures relayed with {ackWithSignatures}. The last acknowledgement completes the
 * round: `head` becomes the pending commitment and the version increases by one. While a round is open
 * no other round can start, so nobody moves on until all peers hold the newest version. A round is
 * closed without completing by {cancelRound} (proposer or controller), by {expireRound} after its
 * deadline, or by a membership change ({setPeer}, {removePeer}); {evictAndCommit} (controller, after the
 * deadline) completes it without the silent peers, removing them.
 *
 * The controller can hand the view over in two steps: {transferControl} names the next controller, which
 * takes over with {acceptControl}, so control never passes to an address that cannot act.
 *
 * Liveness. Every peer can veto a round by not acknowledging it, but no peer can lock the view. Each view
 * has two limits set by its controller ({setRoundLimits}): `maxTtl`, the longest time to live of a round,
 * and `grace`, a window after each deadline that belongs to the controller.
 *
 * - Without the controller, an open round keeps the view for at most `maxTtl + grace` seconds: its deadline
 *   is at most `maxTtl` (the limit when it was proposed) after the proposal, and anyone can close it with
 *   {expireRound} once `grace` more seconds have passed (the current `grace`).
 * - Once the controller acts, the view is free by the end of the block holding its transaction: {setPeer}
 *   and {removePeer} abort the open round in the same transaction, so removing a hostile writer (or taking
 *   its `WRITE`) leaves no round open and that writer unable to open another, whatever it sends first.
 * - Up to `grace` seconds after a deadline only the controller can close the round, so nobody can expire
 *   it under the controller's feet and erase the acknowledgements {evictAndCommit} would keep.
 * - Fairness: when a round is cancelled or expires and the view has another writer, its proposer is
 *   benched for `grace` seconds: it cannot open a round, so the other writers can go first. The bench ends
 *   when another writer opens a round, when the controller changes the membership, or `grace` seconds
 *   after it began. After a failed round a writer therefore cannot open the next one ahead of another
 *   writer that proposes within `grace`.
 *
 * The events are the audit trail of a view and all index `viewId`. Peer indexes (bit positions in the
 * masks of {AcksRecorded}, {RoundAborted} and {PeersEvicted}) can be reconstructed from
 * {PeerPermissionsChanged} alone, which is emitted whenever a peer is added, changed, removed or moved.
 *
 * NOTE: The contract never sees record content, only salted commitments, membership and round state.
 */
interface IViewCoordinator is IERC5267 {
    /// @dev Why a round was closed without completing.
    enum AbortReason {
        /// The proposer or the controller called {cancelRound}.
        Cancelled,
        /// {expireRound} was called after the deadline.
        Expired,
        /// The controller changed the membership ({setPeer} or {removePeer}) while the round was open.
        MembershipChanged
    }

    /**
     * @dev The state of a view as returned by {getView}.
     *
     * `pendingController` is the account that may take control with {acceptControl}, zero if none.
     * `pending`, `deadline`, `ackMask` and `proposer` are zero while no round is open (`roundOpen` false).
     * Bit `i` of `ackMask` is the peer at index `i` of {peersOf}. `maxTtl` and `grace` are the view's round
     * limits ({setRoundLimits}). `benched` is the writer that may not propose before `benchedUntil` (a unix
     * timestamp, exclusive); both are zero when nobody is benched (see the liveness rules above).
     */
    struct ViewState {
        address controller;
        bytes32 head;
        bytes32 pending;
        uint64 version;
        uint64 round;
        uint40 deadline;
        uint64 ackMask;
        uint8 peerCount;
        address proposer;
        bool roundOpen;
        uint32 maxTtl;
        uint32 grace;
        address benched;
        uint40 benchedUntil;
        address pendingController;
    }

    // ------------------------------------------------------------------------------------------------
    // Events
    // ------------------------------------------------------------------------------------------------

    /**
     * @dev Emitted when `viewId` is created with `controller` and head commitment `initialCommitment`
     * at version 0, for the view definition whose hash is `definitionHash` (the contract does not store it
     * and gives it no meaning: peers compare it with the definition they hold). {RoundLimitsChanged} and
     * one {PeerPermissionsChanged} per initial peer follow.
     */
    event ViewCreated(
        bytes32 indexed viewId,
        address indexed controller,
        bytes32 initialCommitment,
        bytes32 definitionHash
    );

    /**
     * @dev Emitted when `controller` of `viewId` names `newController` as the next controller (zero: the
     * handover is cancelled). Nothing changes until `newController` calls {acceptControl}.
     */
    event ControlTransferStarted(bytes32 indexed viewId, address indexed controller, address indexed newController);

    /// @dev Emitted when `newController` accepts control of `viewId` from `previousController`.
    event ControlTransferred(
        bytes32 indexed viewId,
        address indexed previousController,
        address indexed newController
    );

    /**
     * @dev Emitted when the round limits of `viewId` are set, at creation and by {setRoundLimits}: rounds
     * proposed from now on last at most `maxTtl` seconds, and only the controller may close a round until
     * `grace` seconds after its deadline.
     */
    event RoundLimitsChanged(bytes32 indexed viewId, uint32 maxTtl, uint32 grace);

    /**
     * @dev Emitted when `peer` of `viewId` is added, gets new permissions, is removed (`permissions`
     * zero) or is moved to another `index` because an earlier peer was removed.
     */
    event PeerPermissionsChanged(bytes32 indexed viewId, address indexed peer, uint8 index, uint8 permissions);

    /**
     * @dev Emitted when `proposer` opens `round` on `viewId` to move it to `version` (current version
     * plus one) with head `commitment`; the round must complete by `deadline` (a unix timestamp,
     * inclusive). The proposer's acknowledgement is recorded with the proposal.
     */
    event UpdateProposed(
        bytes32 indexed viewId,
        uint64 round,
        address indexed proposer,
        uint64 version,
        bytes32 commitment,
        uint40 deadline
    );

    /// @dev Emitted when `peer` acknowledges `round` of `viewId` itself, through {ack}.
    event Acknowledged(bytes32 indexed viewId, uint64 round, address indexed peer);

    /**
     * @dev Emitted when {ackWithSignatures} records the acknowledgements of the peers in `signers`
     * (a bit mask of peer indexes) for `round` of `viewId`. Signers that had already acknowledged
     * are not in the mask.
     */
    event AcksRecorded(bytes32 indexed viewId, uint64 round, uint64 signers);

    /**
     * @dev Emitted when {ackWithSignatures} skips entry number `index` (counted from 0) of its packed signatures
     * for `round` of `viewId`: the entry is truncated (the rest of the batch is then ignored too), names no peer
     * (`signer` is zero in both cases) or does not verify for peer `signer`. The other entries still count.
     */
    event AckSignatureRejected(bytes32 indexed viewId, uint64 round, uint256 index, address signer);

    /**
     * @dev Emitted when every peer has acknowledged `round` of `viewId` (or the silent ones were
     * evicted): the view is now at `version` with head `commitment`.
     */
    event RoundCompleted(bytes32 indexed viewId, uint64 round, uint64 version, bytes32 commitment);

    /**
     * @dev Emitted when `round` of `viewId` is closed without completing, for `reason`; `missingMask`
     * holds the peers that had not acknowledged (indexes before any membership change that follows).
     * Head and version are unchanged.
     */
    event RoundAborted(bytes32 indexed viewId, uint64 round, AbortReason reason, uint64 missingMask);

    /**
     * @dev Emitted by {evictAndCommit} before it removes the peers in `evictedMask` (peer indexes
     * before the removal) from `viewId` and completes `round`.
     */
    event PeersEvicted(bytes32 indexed viewId, uint64 round, uint64 evictedMask);

    // ------------------------------------------------------------------------------------------------
    // Errors
    // ------------------------------------------------------------------------------------------------

    /// @dev No view `viewId` has been created.
    error UnknownView(bytes32 viewId);

    /// @dev {createView} would create `viewId`, which exists: its creator already used that salt.
    error ViewExists(bytes32 viewId);

    /// @dev `account` is the zero address, which can be neither a controller nor a peer of `viewId`.
    error InvalidAccount(bytes32 viewId, address account);

    /// @dev {createView} got `peers` peer addresses but `permissions` permission entries.
    error ArrayLengthMismatch(bytes32 viewId, uint256 peers, uint256 permissions);

    /// @dev The call would leave `viewId` without peers (a view always has at least one).
    error EmptyView(bytes32 viewId);

    /// @dev The call would give `viewId` `count` peers, more than the maximum of 64.
    error TooManyPeers(bytes32 viewId, uint256 count);

    /// @dev `peer` appears twice in the peer list given for `viewId`.
    error DuplicatePeer(bytes32 viewId, address peer);

    /// @dev `permissions` given for `peer` of `viewId` is not `READ`, `WRITE` or `READ | WRITE`.
    error InvalidPermissions(bytes32 viewId, address peer, uint8 permissions);

    /// @dev `account` is not a peer of `viewId`.
    error NotPeer(bytes32 viewId, address account);

    /// @dev `account` is not the controller of `viewId`.
    error NotController(bytes32 viewId, address account);

    /// @dev `account` has not been named the next controller of `viewId` (see {transferControl}).
    error NotPendingController(bytes32 viewId, address account);

    /// @dev `account` is a peer of `viewId` but lacks the `required` permission bit.
    error MissingPermission(bytes32 viewId, address account, uint8 required);

    /// @dev `account` may not cancel the open round of `viewId`: only its proposer and the controller can.
    error NotProposerOrController(bytes32 viewId, address account);

    /// @dev `round` of `viewId` is open until `deadline`; it must complete or be closed first.
    error RoundOpen(bytes32 viewId, uint64 round, uint40 deadline);

    /// @dev `viewId` has no open round.
    error NoOpenRound(bytes32 viewId);

    /// @dev The open round of `viewId` is `expected`, not the `provided` one.
    error WrongRound(bytes32 viewId, uint64 expected, uint64 provided);

    /// @dev The proposal was based on version `baseVersion` but `viewId` is at `currentVersion`.
    error StaleBase(bytes32 viewId, uint64 baseVersion, uint64 currentVersion);

    /// @dev The `provided` commitment for `viewId` differs from the `expected` head or pending commitment.
    error CommitmentMismatch(bytes32 viewId, bytes32 expected, bytes32 provided);

    /// @dev A round of `viewId` cannot last `ttl` seconds: it must be at least 1 and at most the view's `maxTtl`.
    error InvalidTtl(bytes32 viewId, uint32 ttl, uint32 maxTtl);

    /// @dev `maxTtl` must be between 1 and 30 days and `grace` at most 30 days, for `viewId`.
    error InvalidRoundLimits(bytes32 viewId, uint32 maxTtl, uint32 grace);

    /// @dev `proposer`'s last round of `viewId` failed: it may not open a round before `until` (exclusive).
    error ProposerBenched(bytes32 viewId, address proposer, uint40 until);

    /// @dev `round` of `viewId` passed its `deadline`: it takes no more acknowledgements.
    error RoundExpired(bytes32 viewId, uint64 round, uint40 deadline);

    /// @dev `round` of `viewId` is still open until `deadline` (inclusive).
    error RoundNotExpired(bytes32 viewId, uint64 round, uint40 deadline);

    /// @dev Until `graceEnd` (inclusive) only the controller of `viewId` may close its expired `round`.
    error ControllerGracePeriod(bytes32 viewId, uint64 round, uint40 graceEnd);

    /**
     * @dev {ackWithSignatures} has too little gas left to give entry `index` of the signatures for `viewId` its full
     * ERC-1271 check: the transaction's gas limit is too low (a bad entry never causes this error).
     */
    error InsufficientGasForSignatureCheck(bytes32 viewId, uint256 index);

    /// @dev {evictAndCommit} listed `peer` of `viewId`, which has acknowledged the open round.
    error PeerAcknowledged(bytes32 viewId, address peer);

    /// @dev {evictAndCommit} would leave the peers in `missingMask` of `viewId` neither acknowledged nor evicted.
    error AcksMissing(bytes32 viewId, uint64 missingMask);

    // ------------------------------------------------------------------------------------------------
    // Membership
    // ------------------------------------------------------------------------------------------------

    /**
     * @dev Creates the view `viewId = viewIdOf(msg.sender, salt)` at version 0 with head `initialCommitment`,
     * administered by `controller`, with `peers[i]` holding `permissions[i]` (`READ = 1`, `WRITE = 2`, or
     * both). `definitionHash` (the hash of the view's definition, see {ViewCreated}) is only emitted.
     * `maxTtl` and `grace` are the view's round limits (see {setRoundLimits}). Anyone can create a view; the
     * caller gets no rights from it, only its address in the id.
     *
     * Emits {ViewCreated}, {RoundLimitsChanged} and one {PeerPermissionsChanged} per peer, in index order.
     *
     * Requirements: the caller has not used `salt` before ({ViewExists}); `controller` and every peer are
     * non-zero ({InvalidAccount}); the limits are valid ({InvalidRoundLimits}); the arrays have equal lengths
     * ({ArrayLengthMismatch}) between 1 ({EmptyView}) and 64 ({TooManyPeers}); no peer is listed twice
     * ({DuplicatePeer}); every permission is valid ({InvalidPermissions}).
     *
     * IMPORTANT: Pick `salt` at random (32 random bytes), never a hash of a patient identifier: salts and view
     * ids are public. Binding the id to the caller means that someone who copies a pending creation from the
     * mempool creates a different view (under its own address) and cannot take or block this id.
     *
     * @return viewId The id of the new view, `viewIdOf(msg.sender, salt)`, computable before the call.
     */
    function createView(
        bytes32 salt,
        bytes32 initialCommitment,
        bytes32 definitionHash,
        address controller,
        address[] calldata peers,
        uint8[] calldata permissions,
        uint32 maxTtl,
        uint32 grace
    ) external returns (bytes32 viewId);

    /**
     * @dev Adds `peer` to `viewId` with `permissions`, or replaces the permissions of an existing peer.
     * A new peer takes the next free index. An open round is aborted first, and a bench is lifted.
     *
     * Emits {RoundAborted} with reason `MembershipChanged` if a round was open, then {PeerPermissionsChanged}.
     *
     * Requirements: the caller is the controller ({NotController}); `peer` is non-zero ({InvalidAccount});
     * `permissions` is valid ({InvalidPermissions}); the view keeps at most 64 peers ({TooManyPeers}).
     */
    function setPeer(bytes32 viewId, address peer, uint8 permissions) external;

    /**
     * @dev Removes `peer` from `viewId`. The peer with the highest index takes the freed index. An open
     * round is aborted first, and a bench is lifted.
     *
     * Emits {RoundAborted} with reason `MembershipChanged` if a round was open, then
     * {PeerPermissionsChanged} with zero permissions for `peer`, then one for the moved peer (if any).
     *
     * Requirements: the caller is the controller ({NotController}); `peer` is a peer ({NotPeer}) and not
     * the last one ({EmptyView}).
     */
    function removePeer(bytes32 viewId, address peer) external;

    /**
     * @dev Sets the round limits of `viewId`: rounds proposed from now on may last at most `maxTtl` seconds,
     * and only the controller may close an expired round until `grace` seconds after its deadline (this
     * applies to the open round too; its deadline, which acknowledgement signatures bind, does not change).
     * `grace` is also how long a writer whose round failed is benched (see the liveness rules above);
     * zero turns both off.
     *
     * Emits {RoundLimitsChanged}.
     *
     * Requirements: the caller is the controller ({NotController}); `maxTtl` is between 1 and 30 days and
     * `grace` at most 30 days ({InvalidRoundLimits}).
     */
    function setRoundLimits(bytes32 viewId, uint32 maxTtl, uint32 grace) external;

    /**
     * @dev Names `newController` as the next controller of `viewId`; it takes over when it calls
     * {acceptControl}. A later call replaces the name, and `address(0)` cancels the handover. The current
     * controller keeps every right until then.
     *
     * Emits {ControlTransferStarted}.
     *
     * Requirements: `viewId` exists ({UnknownView}); the caller is the controller ({NotController}).
     */
    function transferControl(bytes32 viewId, address newController) external;

    /**
     * @dev Makes the caller, named by {transferControl}, the controller of `viewId`.
     *
     * Emits {ControlTransferred}.
     *
     * Requirements: `viewId` exists ({UnknownView}); the caller is the named next controller
     * ({NotPendingController}).
     */
    function acceptControl(bytes32 viewId) external;

    // ------------------------------------------------------------------------------------------------
    // Rounds
    // ------------------------------------------------------------------------------------------------

    /**
     * @dev Opens a round that moves `viewId` from `baseVersion` / `baseCommitment` (which must be the
     * current version and head: a compare-and-swap) to `newCommitment`, acknowledged by every peer
     * within `ttl` seconds. The caller's own acknowledgement is recorded at once; if it is the only
     * peer, the round completes in the same call.
     *
     * Emits {UpdateProposed}, and {RoundCompleted} when the caller is the only peer.
     *
     * Requirements: the caller is a peer ({NotPeer}) with `WRITE` ({MissingPermission}); `ttl` is between 1
     * and the view's `maxTtl` ({InvalidTtl}); no round is open ({RoundOpen}); the caller is not benched
     * ({ProposerBenched}); `baseVersion` is the current version ({StaleBase}) and `baseCommitment` the
     * current head ({CommitmentMismatch}).
     *
     * @return round The number of the new round (rounds of a view are numbered from 1).
     */
    function proposeUpdate(
        bytes32 viewId,
        uint64 baseVersion,
        bytes32 baseCommitment,
        bytes32 newCommitment,
        uint32 ttl
    ) external returns (uint64 round);

    /**
     * @dev Records that the caller holds the pending version of `viewId` in `round`, whose commitment
     * is `commitment`. The last acknowledgement completes the round.
     *
     * Every peer acknowledges, READ-only peers included: an acknowledgement states "I hold this
     * version" (staged in the peer's own storage, its commitment recomputed there), not "I approve it",
     * and it grants no right to write.
     *
     * Emits {Acknowledged}, and {RoundCompleted} when it is the last acknowledgement.
     *
     * Requirements: `viewId` exists ({UnknownView}); the caller is a peer ({NotPeer}); a round is open
     * ({NoOpenRound}) and it is `round` ({WrongRound}); its deadline has not passed ({RoundExpired});
     * `commitment` is the pending one ({CommitmentMismatch}).
     *
     * NOTE: Idempotent: a second acknowledgement of the same open round by the same peer does nothing
     * (no event, no revert). After the round has closed it reverts like any call without an open round.
     */
    function ack(bytes32 viewId, uint64 round, bytes32 commitment) external;

    /**
     * @dev Records the acknowledgements of `round` of `viewId` signed by peers as EIP-712 typed data
     * `Ack(bytes32 viewId,uint64 round,uint64 version,bytes32 commitment,uint40 deadline)` over this
     * contract's domain (see {ackDigest}), where `version` is the version the round creates (current
     * plus one) and `deadline` the round's deadline. Anyone can relay the signatures.
     *
     * `packedSigs` is a concatenation of entries `peerIndex (1 byte) | length (2 bytes, big-endian) |
     * signature (length bytes)`, where `peerIndex` is the signer's index in {peersOf}. A 65-byte
     * `r | s | v` signature from the peer's key is checked with {ECDSA-tryRecover} (low `s` only);
     * otherwise, if the peer is a contract, it is asked through ERC-1271 `isValidSignature` in a static call
     * limited to `ERC1271_GAS_LIMIT` (50 000) gas whose answer is read from its first 32 bytes only, so a
     * wallet can neither burn the relayer's gas nor return a large answer.
     *
     * Entries of peers that have already acknowledged (before or earlier in the batch) are skipped
     * without being verified, so a relayer cannot be griefed by a peer that front-runs its own ack.
     * An entry that is truncated, names no peer or does not verify is skipped with {AckSignatureRejected}
     * and the batch goes on: a wallet that answers differently on chain than in the relayer's simulation
     * only loses its own acknowledgement.
     *
     * Emits {AckSignatureRejected} per rejected entry, {AcksRecorded} when at least one new
     * acknowledgement was recorded, and {RoundCompleted} when the round is complete.
     *
     * Requirements: as {ack} except that the caller need not be a peer. Before each ERC-1271 check at least
     * `ERC1271_GAS_LIMIT * 64 / 63` gas plus the call's own cost must be left
     * ({InsufficientGasForSignatureCheck}): the outcome of a check never depends on the relayer's gas limit.
     *
     * NOTE: ERC-1271 signatures can be revoked; one is checked only at the moment it is relayed.
     */
    function ackWithSignatures(bytes32 viewId, uint64 round, bytes32 commitment, bytes calldata packedSigs) external;

    /**
     * @dev Closes the open round of `viewId` without changing its head or version. If the view has another
     * writer and a positive `grace`, the round's proposer is benched for `grace` seconds.
     *
     * Emits {RoundAborted} with reason `Cancelled`.
     *
     * Requirements: `viewId` exists ({UnknownView}); a round is open ({NoOpenRound}); the caller is its
     * proposer or the controller ({NotProposerOrController}).
     */
    function cancelRound(bytes32 viewId) external;

    /**
     * @dev Closes the open round of `viewId` once its deadline has passed, without changing its head or
     * version: the controller as soon as the deadline has passed, anyone else `grace` seconds later. If the
     * view has another writer and a positive `grace`, the round's proposer is benched for `grace` seconds.
     *
     * Emits {RoundAborted} with reason `Expired`.
     *
     * Requirements: `viewId` exists ({UnknownView}); a round is open ({NoOpenRound}); its deadline has
     * passed ({RoundNotExpired}); the caller is the controller or the grace window has passed too
     * ({ControllerGracePeriod}).
     */
    function expireRound(bytes32 viewId) external;

    /**
     * @dev Removes `silentPeers` (the peers that did not acknowledge the open round of `viewId` by its
     * deadline) and completes the round with the peers that did. The eviction is explicit: the
     * controller must name every silent peer, and no peer that acknowledged.
     *
     * Emits {PeersEvicted}, one or two {PeerPermissionsChanged} per evicted peer (see {removePeer}),
     * then {RoundCompleted}.
     *
     * Requirements: the caller is the controller ({NotController}); a round is open ({NoOpenRound})
     * and past its deadline ({RoundNotExpired}); every listed account is a peer ({NotPeer}), listed
     * once ({DuplicatePeer}), that has not acknowledged ({PeerAcknowledged}); the listed peers are all
     * the silent ones ({AcksMissing}).
     *
     * NOTE: Until `grace` seconds after the deadline nobody else can expire the round (see {expireRound}), so
     * the acknowledgements collected cannot be erased before the controller keeps them.
     */
    function evictAndCommit(bytes32 viewId, address[] calldata silentPeers) external;

    // ------------------------------------------------------------------------------------------------
    // Reads
    // ------------------------------------------------------------------------------------------------

    /// @dev Returns the state of `viewId` (see {ViewState}). Reverts with {UnknownView} for an unknown view.
    function getView(bytes32 viewId) external view returns (ViewState memory);

    /**
     * @dev Returns the permissions of `account` in `viewId`, zero when it is not a peer. Reverts with
     * {UnknownView} for an unknown view.
     */
    function permissionsOf(bytes32 viewId, address account) external view returns (uint8);

    /**
     * @dev Returns the peers of `viewId` and their permissions, in index order (bit `i` of every mask
     * is `peers[i]`). Reverts with {UnknownView} for an unknown view.
     */
    function peersOf(bytes32 viewId) external view returns (address[] memory peers, uint8[] memory permissions);

    /**
     * @dev Returns the id of the view that `creator` creates with `salt`: `keccak256(abi.encode(creator, salt))`
     * (see {createView}), whether or not it exists. Off chain: `keccak256(encodeAbiParameters([{ type:
     * 'address' }, { type: 'bytes32' }], [creator, salt]))` with viem.
     */
    function viewIdOf(address creator, bytes32 salt) external pure returns (bytes32);

    /**
     * @dev Returns the EIP-712 digest a peer signs to acknowledge `round` of `viewId` creating `version`
     * with `commitment` by `deadline` (see {ackWithSignatures}). Works for any values, open round or not.
     */
    function ackDigest(
        bytes32 viewId,
        uint64 round,
        uint64 version,
        bytes32 commitment,
        uint40 deadline
    ) external view returns (bytes32);
}
