// SPDX-License-Identifier: MIT
// lensync v0.1.0 (contracts/ViewCoordinator.sol)

pragma solidity ^0.8.24;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {IViewCoordinator} from "./IViewCoordinator.sol";
import {EIP712} from "./utils/EIP712.sol";

/**
 * @title ViewCoordinator
 * @dev Implementation of {IViewCoordinator}: one contract, many views.
 *
 * Stores per view: one packed slot of round state ({ViewSlot}), the `head` commitment, the `pending`
 * commitment of the open round, one packed slot of administration ({ViewConfig}: the controller, the round
 * limits, the bench, the writer count), the next controller during a handover, and up to 64 peers with their
 * permissions. Acknowledgements are bits in the round-state slot, so an acknowledgement rewrites one slot
 * instead of creating one; the history of a view lives in its events only. It never sees record content:
 * commitments are salted hashes computed off chain.
 *
 * EIP-712 domain: name "lensync ViewCoordinator", version "1"; {eip712Domain} (ERC-5267) returns it.
 */
contract ViewCoordinator is IViewCoordinator, EIP712 {
    /// @notice Permission bit of a peer that holds the view (every peer holds it and acknowledges rounds).
    uint8 public constant READ = 1;
    /// @notice Permission bit of a peer that may propose updates.
    uint8 public constant WRITE = 2;
    /// @notice Maximum number of peers of a view (the width of the acknowledgement mask).
    uint256 public constant MAX_PEERS = 64;
    /// @notice EIP-712 type hash of `Ack(bytes32 viewId,uint64 round,uint64 version,bytes32 commitment,uint40 deadline)`.
    bytes32 public constant ACK_TYPEHASH =
        keccak256("Ack(bytes32 viewId,uint64 round,uint64 version,bytes32 commitment,uint40 deadline)");
    /**
     * @notice Gas given to one ERC-1271 `isValidSignature` check in {ackWithSignatures}. A wallet that validates
     * an ECDSA signature or two needs well under 10 000; the cap bounds what one entry can cost a relayer.
     */
    uint256 public constant ERC1271_GAS_LIMIT = 50_000;
    /// @notice Longest `maxTtl` and longest `grace` a view may have (see {setRoundLimits}): 30 days.
    uint32 public constant MAX_WINDOW = 30 days;

    /**
     * @dev The round state of a view, packed by the compiler into one storage slot, from the lowest bits:
     *
     *     | version (64) | round (64) | deadline (40) | ackMask (64) | peerCount (8) | proposer (8) |
     *       bits 0-63      64-127       128-167         168-231        232-239         240-247
     *
     * - `version`: completed rounds (the head's version).
     * - `round`: rounds ever opened; the open or last round's number.
     * - `deadline`: last second (inclusive) at which the open round takes acknowledgements; zero if none
     *   is open, which is how "a round is open" is represented.
     * - `ackMask`: bit `i` set when the peer at index `i` acknowledged the open round; zero if none is open.
     * - `peerCount`: peers at indexes `0 .. peerCount - 1`; zero only for a view that does not exist.
     * - `proposer`: index of the proposer of the open round, or of the last round while none is open (the
     *   benched writer while {ViewConfig} `benchedUntil` is set); zero before the first round.
     */
    struct ViewSlot {
        uint64 version;
        uint64 round;
        uint40 deadline;
        uint64 ackMask;
        uint8 peerCount;
        uint8 proposer;
    }

    /**
     * @dev The administration of a view, packed by the compiler into one storage slot, from the lowest bits:
     *
     *     | controller (160) | maxTtl (24) | grace (24) | benchedUntil (40) | writers (8) |
     *       bits 0-159         160-183       184-207      208-247             248-255
     *
     * - `controller`: the account that administers the view.
     * - `maxTtl`, `grace`: the round limits, at most `MAX_WINDOW` (30 days, below 2**24 seconds).
     * - `benchedUntil`: while non-zero, the proposer of the last round ({ViewSlot} `proposer`) may not
     *   propose before this time (exclusive). Set when a round is cancelled or expires; cleared by the next
     *   proposal and by membership changes, so the index always names the peer that was benched.
     * - `writers`: number of peers with `WRITE`.
     *
     * {proposeUpdate}, the controller's functions, the round-closing ones and {getView} read it; {ack} and
     * {ackWithSignatures} never do, which keeps acknowledgements at one round-state slot.
     */
    struct ViewConfig {
        address controller;
        uint24 maxTtl;
        uint24 grace;
        uint40 benchedUntil;
        uint8 writers;
    }

    /**
     * @dev Everything stored for one view. `pending` is meaningful only while a round is open; it is
     * not zeroed when the round closes, so that the next proposal rewrites a non-zero slot (≈5k gas
     * instead of ≈22k for a zero slot). {getView} reports it as zero when no round is open.
     * `peers[i]` is `uint160(address) | permissions << 160`.
     */
    struct ViewRecord {
        ViewSlot slot;
        bytes32 head;
        bytes32 pending;
        ViewConfig config;
        address pendingController;
        uint256[64] peers;
    }

    uint256 private constant _PERMISSIONS_SHIFT = 160;

    mapping(bytes32 viewId => ViewRecord) private _views;

    /// @dev Per view and account: `permissions | index << 8`; zero for an account that is not a peer.
    mapping(bytes32 viewId => mapping(address account => uint256)) private _members;

    constructor() EIP712("lensync ViewCoordinator", "1") {}

    // ------------------------------------------------------------------------------------------------
    // Membership
    // ------------------------------------------------------------------------------------------------

    /// @inheritdoc IViewCoordinator
    function createView(
        bytes32 salt,
        bytes32 initialCommitment,
        bytes32 definitionHash,
        address controller,
        address[] calldata peers,
        uint8[] calldata permissions,
        uint32 maxTtl,
        uint32 grace
    ) external returns (bytes32 viewId) {
        viewId = _viewIdOf(msg.sender, salt);
        ViewRecord storage view_ = _views[viewId];
        if (view_.slot.peerCount != 0) revert ViewExists(viewId);
        if (controller == address(0)) revert InvalidAccount(viewId, controller);
        _checkRoundLimits(viewId, maxTtl, grace);
        if (peers.length != permissions.length) revert ArrayLengthMismatch(viewId, peers.length, permissions.length);
        if (peers.length == 0) revert EmptyView(viewId);
        if (peers.length > MAX_PEERS) revert TooManyPeers(viewId, peers.length);

        view_.head = initialCommitment;
        // Pre-pays the pending slot (see {ViewRecord}).
        view_.pending = initialCommitment;
        emit ViewCreated(viewId, controller, initialCommitment, definitionHash);
        emit RoundLimitsChanged(viewId, maxTtl, grace);
        _addPeers(viewId, view_, _newConfig(controller, maxTtl, grace), peers, permissions);
    }

    /// @inheritdoc IViewCoordinator
    function setPeer(bytes32 viewId, address peer, uint8 permissions) external {
        ViewRecord storage view_ = _views[viewId];
        (ViewSlot memory slot, ViewConfig memory config) = _loadForMembershipChange(viewId, view_);
        _checkPermissions(viewId, peer, permissions);

        uint256 member = _members[viewId][peer];
        if (member == 0) {
            _addPeer(viewId, view_, slot, config, peer, permissions);
        } else {
            uint8 index = _memberIndex(member);
            if (member & WRITE != 0) --config.writers;
            if (permissions & WRITE != 0) ++config.writers;
            _members[viewId][peer] = permissions | (uint256(index) << 8);
            view_.peers[index] = _packPeer(peer, permissions);
            emit PeerPermissionsChanged(viewId, peer, index, permissions);
        }
        view_.slot = slot;
        view_.config = config;
    }

    /// @inheritdoc IViewCoordinator
    function removePeer(bytes32 viewId, address peer) external {
        ViewRecord storage view_ = _views[viewId];
        (ViewSlot memory slot, ViewConfig memory config) = _loadForMembershipChange(viewId, view_);
        if (_members[viewId][peer] == 0) revert NotPeer(viewId, peer);
        if (slot.peerCount == 1) revert EmptyView(viewId);
        _removePeer(viewId, view_, slot, config, peer);
        view_.slot = slot;
        view_.config = config;
    }

    /// @inheritdoc IViewCoordinator
    function setRoundLimits(bytes32 viewId, uint32 maxTtl, uint32 grace) external {
        ViewRecord storage view_ = _views[viewId];
        _loadView(viewId, view_);
        ViewConfig storage config = view_.config;
        if (msg.sender != config.controller) revert NotController(viewId, msg.sender);
        _checkRoundLimits(viewId, maxTtl, grace);
        // casting to 'uint24' is safe because _checkRoundLimits bounds both by MAX_WINDOW < 2**24
        // forge-lint: disable-next-line(unsafe-typecast)
        (config.maxTtl, config.grace) = (uint24(maxTtl), uint24(grace));
        emit RoundLimitsChanged(viewId, maxTtl, grace);
    }

    /// @inheritdoc IViewCoordinator
    function transferControl(bytes32 viewId, address newController) external {
        ViewRecord storage view_ = _views[viewId];
        _loadView(viewId, view_);
        address controller = view_.config.controller;
        if (msg.sender != controller) revert NotController(viewId, msg.sender);
        view_.pendingController = newController;
        emit ControlTransferStarted(viewId, controller, newController);
    }

    /// @inheritdoc IViewCoordinator
    function acceptControl(bytes32 viewId) external {
        ViewRecord storage view_ = _views[viewId];
        _loadView(viewId, view_);
        // Zero never matches: msg.sender is never the zero address.
        if (msg.sender != view_.pendingController) revert NotPendingController(viewId, msg.sender);
        address previous = view_.config.controller;
        view_.config.controller = msg.sender;
        delete view_.pendingController;
        emit ControlTransferred(viewId, previous, msg.sender);
    }

    // ------------------------------------------------------------------------------------------------
    // Rounds
    // ------------------------------------------------------------------------------------------------

    /// @inheritdoc IViewCoordinator
    function proposeUpdate(
        bytes32 viewId,
        uint64 baseVersion,
        bytes32 baseCommitment,
        bytes32 newCommitment,
        uint32 ttl
    ) external returns (uint64 round) {
        ViewRecord storage view_ = _views[viewId];
        ViewSlot memory slot = view_.slot;
        if (slot.peerCount == 0) revert UnknownView(viewId);
        uint256 member = _members[viewId][msg.sender];
        if (member == 0) revert NotPeer(viewId, msg.sender);
        if (member & WRITE == 0) revert MissingPermission(viewId, msg.sender, WRITE);
        ViewConfig memory config = view_.config;
        if (ttl == 0 || ttl > config.maxTtl) revert InvalidTtl(viewId, ttl, config.maxTtl);
        if (slot.deadline != 0) revert RoundOpen(viewId, slot.round, slot.deadline);
        uint8 proposer = _memberIndex(member);
        if (config.benchedUntil != 0) {
            if (proposer == slot.proposer && block.timestamp < config.benchedUntil) {
                revert ProposerBenched(viewId, msg.sender, config.benchedUntil);
            }
            // Another writer's round opens (or the bench is over): the bench ends.
            view_.config.benchedUntil = 0;
        }
        if (baseVersion != slot.version) revert StaleBase(viewId, baseVersion, slot.version);
        bytes32 head = view_.head;
        if (baseCommitment != head) revert CommitmentMismatch(viewId, head, baseCommitment);

        unchecked {
            // A uint64 counter incremented once per transaction cannot overflow.
            round = slot.round + 1;
            // block.timestamp + 30 days fits in 40 bits until the year 36812.
            // forge-lint: disable-next-line(unsafe-typecast)
            slot.deadline = uint40(block.timestamp + ttl);
        }
        slot.round = round;
        slot.proposer = proposer;
        slot.ackMask = uint64(1) << proposer;
        view_.pending = newCommitment;
        unchecked {
            // version < round <= type(uint64).max: every completion closes a distinct opened round.
            emit UpdateProposed(viewId, round, msg.sender, slot.version + 1, newCommitment, slot.deadline);
        }

        if (slot.ackMask == _fullMask(slot.peerCount)) _complete(viewId, view_, slot, newCommitment);
        view_.slot = slot;
    }

    /// @inheritdoc IViewCoordinator
    function ack(bytes32 viewId, uint64 round, bytes32 commitment) external {
        ViewRecord storage view_ = _views[viewId];
        ViewSlot memory slot = view_.slot;
        if (slot.peerCount == 0) revert UnknownView(viewId);
        uint256 member = _members[viewId][msg.sender];
        if (member == 0) revert NotPeer(viewId, msg.sender);
        bytes32 pending = _checkAckable(viewId, view_, slot, round, commitment);

        uint64 bit = uint64(1) << _memberIndex(member);
        if (slot.ackMask & bit != 0) return;
        slot.ackMask |= bit;
        emit Acknowledged(viewId, round, msg.sender);

        if (slot.ackMask == _fullMask(slot.peerCount)) _complete(viewId, view_, slot, pending);
        view_.slot = slot;
    }

    /// @inheritdoc IViewCoordinator
    function ackWithSignatures(bytes32 viewId, uint64 round, bytes32 commitment, bytes calldata packedSigs) external {
        ViewRecord storage view_ = _views[viewId];
        ViewSlot memory slot = view_.slot;
        if (slot.peerCount == 0) revert UnknownView(viewId);
        bytes32 pending = _checkAckable(viewId, view_, slot, round, commitment);

        bytes32 digest;
        unchecked {
            // version < round <= type(uint64).max: every completion closes a distinct opened round.
            digest = _ackDigest(viewId, round, slot.version + 1, pending, slot.deadline);
        }
        uint64 recorded = _verifyAcks(viewId, view_.peers, slot, digest, packedSigs);
        if (recorded == 0) return;
        slot.ackMask |= recorded;
        emit AcksRecorded(viewId, round, recorded);

        if (slot.ackMask == _fullMask(slot.peerCount)) _complete(viewId, view_, slot, pending);
        view_.slot = slot;
    }

    /// @inheritdoc IViewCoordinator
    function cancelRound(bytes32 viewId) external {
        ViewRecord storage view_ = _views[viewId];
        ViewSlot memory slot = _loadOpenRound(viewId, view_);
        ViewConfig memory config = view_.config;
        if (msg.sender != config.controller && msg.sender != _peerAddress(view_.peers[slot.proposer])) {
            revert NotProposerOrController(viewId, msg.sender);
        }
        _abort(viewId, view_, slot, AbortReason.Cancelled);
        _benchProposer(view_, config);
    }

    /// @inheritdoc IViewCoordinator
    function expireRound(bytes32 viewId) external {
        ViewRecord storage view_ = _views[viewId];
        ViewSlot memory slot = _loadOpenRound(viewId, view_);
        if (block.timestamp <= slot.deadline) revert RoundNotExpired(viewId, slot.round, slot.deadline);
        ViewConfig memory config = view_.config;
        if (msg.sender != config.controller) {
            uint256 graceEnd = uint256(slot.deadline) + config.grace;
            // casting to 'uint40' is safe because a deadline plus 30 days fits in 40 bits until the year 36812
            // forge-lint: disable-next-line(unsafe-typecast)
            if (block.timestamp <= graceEnd) revert ControllerGracePeriod(viewId, slot.round, uint40(graceEnd));
        }
        _abort(viewId, view_, slot, AbortReason.Expired);
        _benchProposer(view_, config);
    }

    /// @inheritdoc IViewCoordinator
    function evictAndCommit(bytes32 viewId, address[] calldata silentPeers) external {
        ViewRecord storage view_ = _views[viewId];
        ViewSlot memory slot = _loadOpenRound(viewId, view_);
        ViewConfig memory config = view_.config;
        if (msg.sender != config.controller) revert NotController(viewId, msg.sender);
        if (block.timestamp <= slot.deadline) revert RoundNotExpired(viewId, slot.round, slot.deadline);

        uint64 evicted = 0;
        for (uint256 i = 0; i < silentPeers.length; ++i) {
            uint256 member = _members[viewId][silentPeers[i]];
            if (member == 0) revert NotPeer(viewId, silentPeers[i]);
            uint64 bit = uint64(1) << _memberIndex(member);
            if (slot.ackMask & bit != 0) revert PeerAcknowledged(viewId, silentPeers[i]);
            if (evicted & bit != 0) revert DuplicatePeer(viewId, silentPeers[i]);
            evicted |= bit;
        }
        uint64 missing = _fullMask(slot.peerCount) & ~(slot.ackMask | evicted);
        if (missing != 0) revert AcksMissing(viewId, missing);

        emit PeersEvicted(viewId, slot.round, evicted);
        for (uint256 i = 0; i < silentPeers.length; ++i) {
            _removePeer(viewId, view_, slot, config, silentPeers[i]);
        }
        _complete(viewId, view_, slot, view_.pending);
        view_.slot = slot;
        view_.config = config;
    }

    // ------------------------------------------------------------------------------------------------
    // Reads
    // ------------------------------------------------------------------------------------------------

    /// @inheritdoc IViewCoordinator
    function getView(bytes32 viewId) external view returns (ViewState memory state) {
        ViewRecord storage view_ = _views[viewId];
        ViewSlot memory slot = _loadView(viewId, view_);
        ViewConfig memory config = view_.config;
        bool open = slot.deadline != 0;
        state.controller = config.controller;
        state.head = view_.head;
        state.version = slot.version;
        state.round = slot.round;
        state.deadline = slot.deadline;
        state.ackMask = slot.ackMask;
        state.peerCount = slot.peerCount;
        state.roundOpen = open;
        state.maxTtl = config.maxTtl;
        state.grace = config.grace;
        if (open) {
            state.pending = view_.pending;
            state.proposer = _peerAddress(view_.peers[slot.proposer]);
        }
        if (block.timestamp < config.benchedUntil) {
            state.benched = _peerAddress(view_.peers[slot.proposer]);
            state.benchedUntil = config.benchedUntil;
        }
        state.pendingController = view_.pendingController;
    }

    /// @inheritdoc IViewCoordinator
    function permissionsOf(bytes32 viewId, address account) external view returns (uint8) {
        _loadView(viewId, _views[viewId]);
        // casting to 'uint8' is safe because the permissions occupy bits 0-7 of the entry
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint8(_members[viewId][account]);
    }

    /// @inheritdoc IViewCoordinator
    function peersOf(bytes32 viewId) external view returns (address[] memory peers, uint8[] memory permissions) {
        ViewRecord storage view_ = _views[viewId];
        uint256 count = _loadView(viewId, view_).peerCount;
        peers = new address[](count);
        permissions = new uint8[](count);
        for (uint256 i = 0; i < count; ++i) {
            uint256 packed = view_.peers[i];
            peers[i] = _peerAddress(packed);
            permissions[i] = _peerPermissions(packed);
        }
    }

    /// @inheritdoc IViewCoordinator
    function viewIdOf(address creator, bytes32 salt) external pure returns (bytes32) {
        return _viewIdOf(creator, salt);
    }

    /// @inheritdoc IViewCoordinator
    function ackDigest(
        bytes32 viewId,
        uint64 round,
        uint64 version,
        bytes32 commitment,
        uint40 deadline
    ) external view returns (bytes32) {
        return _ackDigest(viewId, round, version, commitment, deadline);
    }

    // ------------------------------------------------------------------------------------------------
    // Internals
    // ------------------------------------------------------------------------------------------------

    /// @dev Loads the slot of an existing view, reverting {UnknownView} otherwise.
    function _loadView(bytes32 viewId, ViewRecord storage view_) private view returns (ViewSlot memory slot) {
        slot = view_.slot;
        if (slot.peerCount == 0) revert UnknownView(viewId);
    }

    /**
     * @dev Loads the slot and the administration for a membership change by the controller: aborts the open
     * round, if any, and lifts the bench (indexes may move). The caller writes both back.
     */
    function _loadForMembershipChange(
        bytes32 viewId,
        ViewRecord storage view_
    ) private returns (ViewSlot memory slot, ViewConfig memory config) {
        slot = _loadView(viewId, view_);
        config = view_.config;
        if (msg.sender != config.controller) revert NotController(viewId, msg.sender);
        if (slot.deadline != 0) _abort(viewId, view_, slot, AbortReason.MembershipChanged);
        config.benchedUntil = 0;
    }

    /// @dev Loads the slot of a view with an open round, reverting {UnknownView} or {NoOpenRound}.
    function _loadOpenRound(bytes32 viewId, ViewRecord storage view_) private view returns (ViewSlot memory slot) {
        slot = _loadView(viewId, view_);
        if (slot.deadline == 0) revert NoOpenRound(viewId);
    }

    /// @dev Checks that `round` is open, in time and pending `commitment`; returns the pending commitment.
    function _checkAckable(
        bytes32 viewId,
        ViewRecord storage view_,
        ViewSlot memory slot,
        uint64 round,
        bytes32 commitment
    ) private view returns (bytes32 pending) {
        if (slot.deadline == 0) revert NoOpenRound(viewId);
        if (round != slot.round) revert WrongRound(viewId, slot.round, round);
        if (block.timestamp > slot.deadline) revert RoundExpired(viewId, round, slot.deadline);
        pending = view_.pending;
        if (commitment != pending) revert CommitmentMismatch(viewId, pending, commitment);
    }

    /// @dev Reverts {InvalidRoundLimits} unless `1 <= maxTtl <= MAX_WINDOW` and `grace <= MAX_WINDOW`.
    function _checkRoundLimits(bytes32 viewId, uint32 maxTtl, uint32 grace) private pure {
        if (maxTtl == 0 || maxTtl > MAX_WINDOW || grace > MAX_WINDOW) revert InvalidRoundLimits(viewId, maxTtl, grace);
    }

    /// @dev The administration of a new view (limits already checked by {_checkRoundLimits}).
    function _newConfig(address controller, uint32 maxTtl, uint32 grace) private pure returns (ViewConfig memory) {
        // casting to 'uint24' is safe because both are at most MAX_WINDOW < 2**24
        // forge-lint: disable-next-line(unsafe-typecast)
        return ViewConfig({controller: controller, maxTtl: uint24(maxTtl), grace: uint24(grace), benchedUntil: 0, writers: 0});
    }

    /// @dev Adds the initial peers of a new view and writes its slot and `config`.
    function _addPeers(
        bytes32 viewId,
        ViewRecord storage view_,
        ViewConfig memory config,
        address[] calldata peers,
        uint8[] calldata permissions
    ) private {
        ViewSlot memory slot;
        for (uint256 i = 0; i < peers.length; ++i) {
            if (_members[viewId][peers[i]] != 0) revert DuplicatePeer(viewId, peers[i]);
            _addPeer(viewId, view_, slot, config, peers[i], permissions[i]);
        }
        view_.slot = slot;
        view_.config = config;
    }

    /// @dev Reverts {InvalidAccount} / {InvalidPermissions} unless `peer` and `permissions` are valid.
    function _checkPermissions(bytes32 viewId, address peer, uint8 permissions) private pure {
        if (peer == address(0)) revert InvalidAccount(viewId, peer);
        if (permissions == 0 || permissions > (READ | WRITE)) revert InvalidPermissions(viewId, peer, permissions);
    }

    /// @dev Appends `peer` at index `slot.peerCount` (the caller writes `slot` and `config` back).
    function _addPeer(
        bytes32 viewId,
        ViewRecord storage view_,
        ViewSlot memory slot,
        ViewConfig memory config,
        address peer,
        uint8 permissions
    ) private {
        _checkPermissions(viewId, peer, permissions);
        uint8 index = slot.peerCount;
        if (index == MAX_PEERS) revert TooManyPeers(viewId, MAX_PEERS + 1);
        view_.peers[index] = _packPeer(peer, permissions);
        _members[viewId][peer] = permissions | (uint256(index) << 8);
        slot.peerCount = index + 1;
        if (permissions & WRITE != 0) ++config.writers;
        emit PeerPermissionsChanged(viewId, peer, index, permissions);
    }

    /**
     * @dev Removes member `peer`, moving the last peer into its index (the caller writes `slot` and `config`
     * back).
     */
    function _removePeer(
        bytes32 viewId,
        ViewRecord storage view_,
        ViewSlot memory slot,
        ViewConfig memory config,
        address peer
    ) private {
        uint256 member = _members[viewId][peer];
        uint8 index = _memberIndex(member);
        uint8 last = slot.peerCount - 1;
        if (member & WRITE != 0) --config.writers;
        delete _members[viewId][peer];
        emit PeerPermissionsChanged(viewId, peer, index, 0);
        if (index != last) {
            uint256 moved = view_.peers[last];
            address movedPeer = _peerAddress(moved);
            uint8 movedPermissions = _peerPermissions(moved);
            view_.peers[index] = moved;
            _members[viewId][movedPeer] = movedPermissions | (uint256(index) << 8);
            emit PeerPermissionsChanged(viewId, movedPeer, index, movedPermissions);
        }
        delete view_.peers[last];
        slot.peerCount = last;
    }

    /// @dev Completes the open round: `pending` becomes the head (the caller writes `slot` back).
    function _complete(bytes32 viewId, ViewRecord storage view_, ViewSlot memory slot, bytes32 pending) private {
        view_.head = pending;
        unchecked {
            // version < round <= type(uint64).max: every completion closes a distinct opened round.
            slot.version += 1;
        }
        _closeRound(slot);
        emit RoundCompleted(viewId, slot.round, slot.version, pending);
    }

    /// @dev Closes the open round without completing it and writes `slot` back.
    function _abort(bytes32 viewId, ViewRecord storage view_, ViewSlot memory slot, AbortReason reason) private {
        uint64 missing = _fullMask(slot.peerCount) & ~slot.ackMask;
        _closeRound(slot);
        view_.slot = slot;
        emit RoundAborted(viewId, slot.round, reason, missing);
    }

    /**
     * @dev Benches the proposer of the round just cancelled or expired for `grace` seconds, if the view has
     * another writer (the proposer is one: membership cannot change under an open round).
     */
    function _benchProposer(ViewRecord storage view_, ViewConfig memory config) private {
        if (config.grace == 0 || config.writers < 2) return;
        // casting to 'uint40' is safe because block.timestamp + 30 days fits in 40 bits until the year 36812
        // forge-lint: disable-next-line(unsafe-typecast)
        view_.config.benchedUntil = uint40(block.timestamp + config.grace);
    }

    /**
     * @dev Resets the round fields of `slot` to their "no open round" values. `proposer` keeps the index of
     * the closed round's proposer (see {ViewSlot}).
     */
    function _closeRound(ViewSlot memory slot) private pure {
        slot.deadline = 0;
        slot.ackMask = 0;
    }

    /**
     * @dev Verifies the entries of `packedSigs` (see {ackWithSignatures}) against `digest` and returns the
     * mask of peers newly acknowledged; peers in `slot.ackMask` or earlier in the batch are skipped, and
     * entries that are truncated, name no peer or do not verify are skipped with {AckSignatureRejected}.
     */
    function _verifyAcks(
        bytes32 viewId,
        uint256[64] storage peers,
        ViewSlot memory slot,
        bytes32 digest,
        bytes calldata packedSigs
    ) private returns (uint64 recorded) {
        uint256 offset = 0;
        for (uint256 entry = 0; offset < packedSigs.length; ++entry) {
            (uint8 index, uint256 end) = _entryAt(packedSigs, offset);
            if (end == 0) {
                // Truncated: without a trustworthy length the following entries cannot be located.
                emit AckSignatureRejected(viewId, slot.round, entry, address(0));
                break;
            }
            if (index >= slot.peerCount) {
                emit AckSignatureRejected(viewId, slot.round, entry, address(0));
            } else if ((slot.ackMask | recorded) & (uint64(1) << index) == 0) {
                address signer = _peerAddress(peers[index]);
                if (_isValidAck(viewId, entry, signer, digest, packedSigs[offset + 3:end])) {
                    recorded |= uint64(1) << index;
                } else {
                    emit AckSignatureRejected(viewId, slot.round, entry, signer);
                }
            }
            offset = end;
        }
    }

    /**
     * @dev Decodes the header of the entry at `offset`: its peer index and the end of its signature; `end` is zero
     * when the header or the signature runs past the end of `packedSigs`.
     */
    function _entryAt(bytes calldata packedSigs, uint256 offset) private pure returns (uint8 index, uint256 end) {
        if (offset + 3 > packedSigs.length) return (0, 0);
        uint256 header;
        assembly ("memory-safe") {
            // The 3 header bytes are the top of the word at `offset` (in bounds: checked above).
            header := shr(232, calldataload(add(packedSigs.offset, offset)))
        }
        // casting to 'uint8' is safe because `header` has 24 bits and the index is the top 8
        // forge-lint: disable-next-line(unsafe-typecast)
        index = uint8(header >> 16);
        end = offset + 3 + (header & 0xffff);
        if (end > packedSigs.length) return (0, 0);
    }

    /**
     * @dev Checks an acknowledgement signature of `signer`: ECDSA first (cheap, no code-size lookup), then, for a
     * contract, ERC-1271 ({_isValidERC1271}). Reverts {InsufficientGasForSignatureCheck} (naming entry `entry`)
     * rather than give the wallet less than `ERC1271_GAS_LIMIT`.
     */
    function _isValidAck(
        bytes32 viewId,
        uint256 entry,
        address signer,
        bytes32 digest,
        bytes calldata signature
    ) private view returns (bool) {
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecoverCalldata(digest, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == signer) return true;
        // Also warms `signer`, so the static call in {_isValidERC1271} pays the warm access cost (100).
        if (signer.code.length == 0) return false;
        (bool valid, bool enoughGas) = _isValidERC1271(signer, digest, signature);
        if (!enoughGas) revert InsufficientGasForSignatureCheck(viewId, entry);
        return valid;
    }

    /**
     * @dev Asks the contract `signer` whether `signature` is valid for `digest` (ERC-1271) in a static call with
     * exactly `ERC1271_GAS_LIMIT` gas, reading only the first 32 bytes of the answer. `enoughGas` is false (and
     * nothing is called) when less than that limit would reach the wallet.
     */
    function _isValidERC1271(
        address signer,
        bytes32 digest,
        bytes calldata signature
    ) private view returns (bool valid, bool enoughGas) {
        bytes4 selector = IERC1271.isValidSignature.selector;
        // A call passes on at most 63/64 of the gas left (EIP-150): the wallet receives the whole limit only if
        // `limit * 64 / 63` is left once the call's own costs (a warm access, a few stack operations) are paid;
        // 200 gas covers those.
        uint256 required = (ERC1271_GAS_LIMIT * 64) / 63 + 200;
        assembly ("memory-safe") {
            // isValidSignature(bytes32 hash, bytes signature), ABI-encoded past the free memory pointer (scratch):
            // [0x00] selector, [0x04] hash, [0x24] offset 0x40, [0x44] length, [0x64] signature, zero padded.
            let ptr := mload(0x40)
            mstore(ptr, selector)
            mstore(add(ptr, 0x04), digest)
            mstore(add(ptr, 0x24), 0x40)
            mstore(add(ptr, 0x44), signature.length)
            calldatacopy(add(ptr, 0x64), signature.offset, signature.length)
            mstore(add(add(ptr, 0x64), signature.length), 0)
            enoughGas := iszero(lt(gas(), required))
            if enoughGas {
                // The output area is the scratch word: a longer answer is never copied.
                let size := add(0x64, shl(5, shr(5, add(signature.length, 0x1f))))
                let success := staticcall(ERC1271_GAS_LIMIT, signer, ptr, size, 0x00, 0x20)
                valid := and(success, and(gt(returndatasize(), 0x1f), eq(mload(0x00), selector)))
            }
        }
    }

    /// @dev Id of the view `creator` creates with `salt` (see {viewIdOf}).
    function _viewIdOf(address creator, bytes32 salt) private pure returns (bytes32) {
        return keccak256(abi.encode(creator, salt));
    }

    /// @dev EIP-712 digest of an `Ack` struct (see {ackDigest}).
    function _ackDigest(
        bytes32 viewId,
        uint64 round,
        uint64 version,
        bytes32 commitment,
        uint40 deadline
    ) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(ACK_TYPEHASH, viewId, round, version, commitment, deadline)));
    }

    /// @dev Index field of a {_members} entry.
    function _memberIndex(uint256 member) private pure returns (uint8) {
        // casting to 'uint8' is safe because the index occupies bits 8-15 of the entry
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint8(member >> 8);
    }

    /// @dev Address field of a {ViewRecord} peer entry.
    function _peerAddress(uint256 packed) private pure returns (address) {
        // casting to 'uint160' is safe because the address occupies the low 160 bits of the entry
        // forge-lint: disable-next-line(unsafe-typecast)
        return address(uint160(packed));
    }

    /// @dev Permissions field of a {ViewRecord} peer entry.
    function _peerPermissions(uint256 packed) private pure returns (uint8) {
        // casting to 'uint8' is safe because the permissions occupy bits 160-167 of the entry
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint8(packed >> _PERMISSIONS_SHIFT);
    }

    /// @dev Packs a peer entry of {ViewRecord}.
    function _packPeer(address peer, uint8 permissions) private pure returns (uint256) {
        return uint256(uint160(peer)) | (uint256(permissions) << _PERMISSIONS_SHIFT);
    }

    /// @dev Bit mask with the low `peerCount` bits set.
    function _fullMask(uint8 peerCount) private pure returns (uint64) {
        // casting to 'uint64' is safe because peerCount <= 64, so the result has at most 64 bits
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint64((uint256(1) << peerCount) - 1);
    }
}
