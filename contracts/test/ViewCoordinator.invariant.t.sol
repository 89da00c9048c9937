// SPDX-License-Identifier: MIT
// lensync v0.1.0 (contracts/test/ViewCoordinator.invariant.t.sol)

pragma solidity ^0.8.24;

import {ViewCoordinator} from "../ViewCoordinator.sol";
import {IViewCoordinator} from "../IViewCoordinator.sol";
import {TestBase} from "./utils/Vm.sol";

/**
 * @dev Drives two views of up to 6 peers through random proposals, direct and signed acks, cancels,
 * expiries, evictions, membership changes and time jumps, keeping ghost state of what the contract must show.
 * Every call that the protocol forbids is made too and must revert (with the handler's own try/catch).
 */
contract CoordinatorHandler is TestBase {
    uint256 internal constant VIEWS = 2;
    uint256 internal constant KEYS = 6;
    uint32 internal constant TTL = 1000;

    ViewCoordinator public immutable coordinator;
    address public immutable controller = address(0xC0471201);
    bytes32[VIEWS] public viewIds;

    // Ghost state, per view.
    mapping(bytes32 => bytes32) public ghostHead;
    mapping(bytes32 => uint64) public ghostCompleted;
    mapping(bytes32 => uint64) public ghostRounds;
    mapping(bytes32 => bool) public ghostOpen;
    mapping(bytes32 => bytes32) public ghostMembersAtOpen;
    mapping(bytes32 => bytes32) public ghostStateBeforeOpen;
    // Violations seen by the handler itself (must stay zero).
    uint256 public completionsWithoutFullMask;
    uint256 public headChangesWithoutCompletion;
    uint256 public abortsNotRestoring;
    uint256 public forbiddenCallsSucceeded;
    uint256 internal _nonce;

    constructor(ViewCoordinator coordinator_) {
        coordinator = coordinator_;
        for (uint256 v = 0; v < VIEWS; ++v) {
            address[] memory peers = new address[](3);
            uint8[] memory perms = new uint8[](3);
            for (uint256 i = 0; i < 3; ++i) (peers[i], perms[i]) = (vm.addr(_key(i)), i == 0 ? 3 : 1);
            viewIds[v] = coordinator.createView(keccak256(abi.encode(v)), bytes32(0), bytes32(0), controller, peers, perms, TTL, 0);
        }
    }

    function _key(uint256 i) internal pure returns (uint256) {
        return 0xF00D + i;
    }

    function _view(uint256 seed) internal view returns (bytes32) {
        return viewIds[seed % VIEWS];
    }

    function membersHash(bytes32 viewId) public view returns (bytes32) {
        (address[] memory peers, uint8[] memory perms) = coordinator.peersOf(viewId);
        return keccak256(abi.encode(peers, perms));
    }

    /// @dev Hash of the view state with the round counter zeroed.
    function stateWithoutRound(bytes32 viewId) public view returns (bytes32) {
        IViewCoordinator.ViewState memory s = coordinator.getView(viewId);
        s.round = 0;
        return keccak256(abi.encode(s, membersHash(viewId)));
    }

    /// @dev Applies the bookkeeping common to every action: head/version changes only with a full round.
    function _after(bytes32 viewId, IViewCoordinator.ViewState memory before, bool mayComplete) internal {
        IViewCoordinator.ViewState memory s = coordinator.getView(viewId);
        if (s.version != before.version) {
            if (!mayComplete) ++completionsWithoutFullMask;
            ghostCompleted[viewId] += 1;
            ghostHead[viewId] = before.pending;
            ghostOpen[viewId] = false;
        } else if (s.head != before.head) {
            ++headChangesWithoutCompletion;
        }
    }

    function propose(uint256 viewSeed, uint256 peerSeed, uint256 commitmentSeed) external {
        bytes32 viewId = _view(viewSeed);
        IViewCoordinator.ViewState memory before = coordinator.getView(viewId);
        (address[] memory peers, uint8[] memory perms) = coordinator.peersOf(viewId);
        uint256 i = peerSeed % peers.length;
        bytes32 commitment = keccak256(abi.encode(commitmentSeed, ++_nonce));
        bytes32 snapshot = stateWithoutRound(viewId);
        vm.prank(peers[i]);
        try coordinator.proposeUpdate(viewId, before.version, before.head, commitment, TTL) {
            if (before.roundOpen || perms[i] & 2 == 0) ++forbiddenCallsSucceeded;
            ghostRounds[viewId] += 1;
            ghostOpen[viewId] = true;
            ghostMembersAtOpen[viewId] = membersHash(viewId);
            ghostStateBeforeOpen[viewId] = snapshot;
            before.pending = commitment;
            _after(viewId, before, peers.length == 1);
        } catch {
            if (!before.roundOpen && perms[i] & 2 != 0) ++forbiddenCallsSucceeded; // an allowed call failed
        }
    }

    function ackDirect(uint256 viewSeed, uint256 peerSeed, bool wrongCommitment) external {
        bytes32 viewId = _view(viewSeed);
        IViewCoordinator.ViewState memory before = coordinator.getView(viewId);
        (address[] memory peers, ) = coordinator.peersOf(viewId);
        uint256 i = peerSeed % peers.length;
        bytes32 commitment = wrongCommitment ? keccak256("wrong") : before.pending;
        bool allowed = before.roundOpen && !wrongCommitment && block.timestamp <= before.deadline;
        vm.prank(peers[i]);
        try coordinator.ack(viewId, before.round, commitment) {
            if (!allowed) ++forbiddenCallsSucceeded;
            uint64 mask = before.ackMask | uint64(uint256(1) << i);
            _after(viewId, before, mask == uint64((uint256(1) << peers.length) - 1));
        } catch {
            if (allowed) ++forbiddenCallsSucceeded;
        }
    }

    function ackBatch(uint256 viewSeed, uint256 subset, bool forgeOne) external {
        bytes32 viewId = _view(viewSeed);
        IViewCoordinator.ViewState memory before = coordinator.getView(viewId);
        if (!before.roundOpen) return;
        (address[] memory peers, ) = coordinator.peersOf(viewId);
        bytes32 digest = coordinator.ackDigest(viewId, before.round, before.version + 1, before.pending, before.deadline);
        bytes memory sigs;
        uint64 mask = before.ackMask;
        bool forged = false;
        for (uint256 i = 0; i < peers.length; ++i) {
            if ((subset >> i) & 1 == 0) continue;
            uint256 key = _keyOf(peers[i]);
            bool forge = forgeOne && !forged && (before.ackMask >> i) & 1 == 0;
            if (forge) (key, forged) = (0xBAD, true);
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
            sigs = abi.encodePacked(sigs, uint8(i), uint16(65), r, s, v);
            if (!forge) mask |= uint64(1) << uint64(i);
        }
        // A forged entry is skipped; the rest of the batch counts.
        bool allowed = block.timestamp <= before.deadline;
        try coordinator.ackWithSignatures(viewId, before.round, before.pending, sigs) {
            if (!allowed) ++forbiddenCallsSucceeded;
            _after(viewId, before, mask == uint64((uint256(1) << peers.length) - 1));
            IViewCoordinator.ViewState memory s = coordinator.getView(viewId);
            if (s.roundOpen && s.ackMask != mask) ++forbiddenCallsSucceeded;
        } catch {
            if (allowed) ++forbiddenCallsSucceeded;
        }
    }

    function _keyOf(address peer) internal pure returns (uint256) {
        for (uint256 k = 0; k < KEYS; ++k) if (vm.addr(_key(k)) == peer) return _key(k);
        revert("unknown peer");
    }

    function cancel(uint256 viewSeed, bool byController) external {
        bytes32 viewId = _view(viewSeed);
        IViewCoordinator.ViewState memory before = coordinator.getView(viewId);
        vm.prank(byController ? controller : before.proposer);
        try coordinator.cancelRound(viewId) {
            if (!before.roundOpen) ++forbiddenCallsSucceeded;
            _aborted(viewId);
        } catch {
            if (before.roundOpen) ++forbiddenCallsSucceeded;
        }
    }

    function expire(uint256 viewSeed) external {
        bytes32 viewId = _view(viewSeed);
        IViewCoordinator.ViewState memory before = coordinator.getView(viewId);
        try coordinator.expireRound(viewId) {
            if (!before.roundOpen || block.timestamp <= before.deadline) ++forbiddenCallsSucceeded;
            _aborted(viewId);
        } catch {
            if (before.roundOpen && block.timestamp > before.deadline) ++forbiddenCallsSucceeded;
        }
    }

    function _aborted(bytes32 viewId) internal {
        ghostOpen[viewId] = false;
        if (stateWithoutRound(viewId) != ghostStateBeforeOpen[viewId]) ++abortsNotRestoring;
    }

    function evict(uint256 viewSeed) external {
        bytes32 viewId = _view(viewSeed);
        IViewCoordinator.ViewState memory before = coordinator.getView(viewId);
        if (!before.roundOpen) return;
        (address[] memory peers, ) = coordinator.peersOf(viewId);
        address[] memory silent = new address[](peers.length);
        uint256 count = 0;
        for (uint256 i = 0; i < peers.length; ++i) if ((before.ackMask >> i) & 1 == 0) silent[count++] = peers[i];
        assembly ("memory-safe") {
            mstore(silent, count)
        }
        vm.prank(controller);
        try coordinator.evictAndCommit(viewId, silent) {
            if (block.timestamp <= before.deadline) ++forbiddenCallsSucceeded;
            _after(viewId, before, true);
        } catch {
            if (block.timestamp > before.deadline) ++forbiddenCallsSucceeded;
        }
    }

    function setPeer(uint256 viewSeed, uint256 keySeed, uint8 permsSeed) external {
        bytes32 viewId = _view(viewSeed);
        IViewCoordinator.ViewState memory before = coordinator.getView(viewId);
        address peer = vm.addr(_key(keySeed % KEYS));
        bytes32 members = membersHash(viewId);
        vm.prank(controller);
        try coordinator.setPeer(viewId, peer, 1 + (permsSeed % 3)) {
            // An open round is aborted first.
            ghostOpen[viewId] = false;
            if (coordinator.getView(viewId).roundOpen) ++forbiddenCallsSucceeded;
        } catch {
            if (before.peerCount < 64) ++forbiddenCallsSucceeded;
            if (membersHash(viewId) != members) ++forbiddenCallsSucceeded;
        }
    }

    function removePeer(uint256 viewSeed, uint256 peerSeed) external {
        bytes32 viewId = _view(viewSeed);
        (address[] memory peers, ) = coordinator.peersOf(viewId);
        vm.prank(controller);
        try coordinator.removePeer(viewId, peers[peerSeed % peers.length]) {
            if (peers.length == 1) ++forbiddenCallsSucceeded;
            // An open round is aborted first.
            ghostOpen[viewId] = false;
            if (coordinator.getView(viewId).roundOpen) ++forbiddenCallsSucceeded;
        } catch {
            if (peers.length > 1) ++forbiddenCallsSucceeded;
        }
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + (seconds_ % (2 * TTL)));
    }
}

/// @dev The invariants of DESIGN.md §4 / issue 5 over {CoordinatorHandler}'s random call sequences.
contract ViewCoordinatorInvariantTest is TestBase {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    ViewCoordinator internal coordinator;
    CoordinatorHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        coordinator = new ViewCoordinator();
        handler = new CoordinatorHandler(coordinator);
    }

    /// @dev Read by forge: fuzz only the handler.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @dev Read by forge: the handler's actions (not its ghost-state getters).
    function targetSelectors() public view returns (FuzzSelector[] memory selectors) {
        bytes4[] memory actions = new bytes4[](9);
        actions[0] = CoordinatorHandler.propose.selector;
        actions[1] = CoordinatorHandler.ackDirect.selector;
        actions[2] = CoordinatorHandler.ackBatch.selector;
        actions[3] = CoordinatorHandler.cancel.selector;
        actions[4] = CoordinatorHandler.expire.selector;
        actions[5] = CoordinatorHandler.evict.selector;
        actions[6] = CoordinatorHandler.setPeer.selector;
        actions[7] = CoordinatorHandler.removePeer.selector;
        actions[8] = CoordinatorHandler.warp.selector;
        selectors = new FuzzSelector[](1);
        selectors[0] = FuzzSelector(address(handler), actions);
    }

    function _each() internal view returns (bytes32[2] memory ids) {
        (ids[0], ids[1]) = (handler.viewIds(0), handler.viewIds(1));
    }

    /// Head changes only through RoundCompleted and equals the last fully acknowledged pending commitment.
    function invariant_headIsLastCompletedCommitment() public view {
        bytes32[2] memory ids = _each();
        for (uint256 v = 0; v < 2; ++v) {
            vm.assertEq(coordinator.getView(ids[v]).head, handler.ghostHead(ids[v]), "head");
        }
        vm.assertEq(handler.headChangesWithoutCompletion(), 0, "head changed without completion");
    }

    /// Version equals the number of completed rounds.
    function invariant_versionCountsCompletedRounds() public view {
        bytes32[2] memory ids = _each();
        for (uint256 v = 0; v < 2; ++v) {
            vm.assertEq(coordinator.getView(ids[v]).version, handler.ghostCompleted(ids[v]), "version");
        }
    }

    /// At most one open round per view: the open flag and round counter follow the ghost exactly.
    function invariant_atMostOneOpenRound() public view {
        bytes32[2] memory ids = _each();
        for (uint256 v = 0; v < 2; ++v) {
            IViewCoordinator.ViewState memory s = coordinator.getView(ids[v]);
            vm.assertEq(s.roundOpen, handler.ghostOpen(ids[v]), "open");
            vm.assertEq(s.round, handler.ghostRounds(ids[v]), "rounds opened");
            vm.assertEq(s.roundOpen, s.deadline != 0, "open <=> deadline");
        }
        vm.assertEq(handler.forbiddenCallsSucceeded(), 0, "a forbidden call succeeded or an allowed one failed");
    }

    /// The ack mask stays within the member mask (and is empty with no open round).
    function invariant_ackMaskWithinMembers() public view {
        bytes32[2] memory ids = _each();
        for (uint256 v = 0; v < 2; ++v) {
            IViewCoordinator.ViewState memory s = coordinator.getView(ids[v]);
            uint64 full = uint64((uint256(1) << s.peerCount) - 1);
            vm.assertEq(s.ackMask & ~full, 0, "mask outside members");
            if (!s.roundOpen) vm.assertEq(s.ackMask, 0, "mask without round");
            if (s.roundOpen) vm.assertTrue(s.ackMask != full, "an open round is never fully acked");
        }
    }

    /// No round completes without every member's acknowledgement.
    function invariant_noCompletionWithoutFullMask() public view {
        vm.assertEq(handler.completionsWithoutFullMask(), 0, "completion without full mask");
    }

    /// Expire and cancel restore the pre-proposal state except the round counter.
    function invariant_abortRestoresState() public view {
        vm.assertEq(handler.abortsNotRestoring(), 0, "abort did not restore the pre-proposal state");
    }

    /// Membership is frozen while a round is open.
    function invariant_membershipFrozenWhileOpen() public view {
        bytes32[2] memory ids = _each();
        for (uint256 v = 0; v < 2; ++v) {
            if (coordinator.getView(ids[v]).roundOpen) {
                vm.assertEq(handler.membersHash(ids[v]), handler.ghostMembersAtOpen(ids[v]), "membership changed");
            }
        }
    }
}
