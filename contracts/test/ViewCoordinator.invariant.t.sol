// SPDX-License-Identifier: MIT
// lensync v0.1.0 (contracts/test/ViewCoordinator.invariant.t.sol)

pragma solidity ^0.8.24;

import {ViewCoordinator} from "../ViewCoordinator.sol";
import {IViewCoordinator} from "../IViewCoordinator.sol";
import {TestBase} from "./utils/Vm.sol";
import {ERC1271GasBurnerMock} from "./mocks/ERC1271GasBurnerMock.sol";
import {ERC1271FlipperMock} from "./mocks/ERC1271FlipperMock.sol";

/**
 * @dev Drives two views through random proposals (with random ttls), direct and signed acks (signature batches
 * mixed with forged, misaddressed and truncated entries and entries of two hostile ERC-1271 wallets),
 * cancels, expiries by the controller and by strangers, evictions, membership changes, round-limit changes,
 * control handovers and time jumps, keeping ghost state of what the contract must show. Accounts are six
 * EOAs, a gas-burning wallet and a wallet whose answer flips. Every call that the protocol forbids is made
 * too and must revert, and every allowed one must succeed (the handler's own try/catch).
 */
contract CoordinatorHandler is TestBase {
    /// @dev Result of a dry run: the probe reverts with it so that nothing it did persists.
    error ProbeResult(bool ok);

    uint256 internal constant VIEWS = 2;
    uint256 internal constant EOAS = 6;
    uint256 internal constant ACCOUNTS = 8;
    address internal constant STRANGER = address(0xBEEF);

    ViewCoordinator public immutable coordinator;
    ERC1271GasBurnerMock public immutable burner;
    ERC1271FlipperMock public immutable flipper;
    address[2] public controllers = [address(0xC0471201), address(0xC0471202)];
    bytes32[VIEWS] public viewIds;

    // Ghost state, per view.
    mapping(bytes32 => bytes32) public ghostHead;
    mapping(bytes32 => uint64) public ghostCompleted;
    mapping(bytes32 => uint64) public ghostRounds;
    mapping(bytes32 => bool) public ghostOpen;
    mapping(bytes32 => bytes32) public ghostMembersAtOpen;
    mapping(bytes32 => bytes32) public ghostStateBeforeOpen;
    mapping(bytes32 => uint256) public ghostOpenedAt;
    mapping(bytes32 => uint256) public ghostMaxTtlAtOpen;
    mapping(bytes32 => address) public ghostController;
    mapping(bytes32 => address) public ghostPendingController;
    mapping(bytes32 => address) public ghostBenched;
    mapping(bytes32 => uint256) public ghostBenchedUntil;
    // Violations seen by the handler itself (must stay zero).
    uint256 public completionsWithoutFullMask;
    uint256 public headChangesWithoutCompletion;
    uint256 public abortsNotRestoring;
    uint256 public forbiddenCallsSucceeded;
    uint256 public batchesRevertedByBadEntry;
    uint256 public batchMasksWrong;
    uint256 public batchesOverGasBound;
    uint256 public controllerActionsLeavingRoundOpen;
    uint256 public removedPeersStillProposing;
    uint256 internal _nonce;

    constructor(ViewCoordinator coordinator_) {
        coordinator = coordinator_;
        burner = new ERC1271GasBurnerMock();
        flipper = new ERC1271FlipperMock();
        for (uint256 v = 0; v < VIEWS; ++v) {
            address[] memory peers = new address[](3);
            uint8[] memory perms = new uint8[](3);
            for (uint256 i = 0; i < 3; ++i) (peers[i], perms[i]) = (account(i), i < 2 ? 3 : 1);
            // View 0 has a grace window (and benches), view 1 none.
            uint32 grace = v == 0 ? 300 : 0;
            bytes32 viewId = coordinator.createView(keccak256(abi.encode(v)), 0, 0, controllers[v], peers, perms, 1000, grace);
            viewIds[v] = viewId;
            ghostController[viewId] = controllers[v];
        }
    }

    /// @dev Account `i`: EOAs for `i < 6`, then the gas burner and the flipper.
    function account(uint256 i) public view returns (address) {
        if (i < EOAS) return vm.addr(_key(i));
        return i == EOAS ? address(burner) : address(flipper);
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

    /// @dev Hash of the round state and membership of a view, without the round counter.
    function roundState(bytes32 viewId) public view returns (bytes32) {
        IViewCoordinator.ViewState memory s = coordinator.getView(viewId);
        return keccak256(
            abi.encode(s.head, s.pending, s.version, s.deadline, s.ackMask, s.proposer, s.roundOpen, membersHash(viewId))
        );
    }

    function _writers(bytes32 viewId) internal view returns (uint256 count) {
        (, uint8[] memory perms) = coordinator.peersOf(viewId);
        for (uint256 i = 0; i < perms.length; ++i) if (perms[i] & 2 != 0) ++count;
    }

    function _benched(bytes32 viewId, address peer) internal view returns (bool) {
        return ghostBenched[viewId] == peer && block.timestamp < ghostBenchedUntil[viewId];
    }

    function _clearBench(bytes32 viewId) internal {
        (ghostBenched[viewId], ghostBenchedUntil[viewId]) = (address(0), 0);
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

    // ------------------------------------------------------------------------------------------------
    // Rounds
    // ------------------------------------------------------------------------------------------------

    function propose(uint256 viewSeed, uint256 peerSeed, uint256 commitmentSeed, uint256 ttlSeed) external {
        bytes32 viewId = _view(viewSeed);
        IViewCoordinator.ViewState memory before = coordinator.getView(viewId);
        (address[] memory peers, uint8[] memory perms) = coordinator.peersOf(viewId);
        uint256 i = peerSeed % peers.length;
        // 0 and values above maxTtl are refused.
        uint32 ttl = uint32(ttlSeed % (uint256(before.maxTtl) + 200));
        bytes32 commitment = keccak256(abi.encode(commitmentSeed, ++_nonce));
        bytes32 snapshot = roundState(viewId);
        bool allowed = !before.roundOpen &&
            perms[i] & 2 != 0 &&
            ttl >= 1 &&
            ttl <= before.maxTtl &&
            !_benched(viewId, peers[i]);
        vm.prank(peers[i]);
        try coordinator.proposeUpdate(viewId, before.version, before.head, commitment, ttl) {
            if (!allowed) ++forbiddenCallsSucceeded;
            _opened(viewId, snapshot, before.maxTtl);
            before.pending = commitment;
            _after(viewId, before, peers.length == 1);
        } catch {
            if (allowed) ++forbiddenCallsSucceeded;
        }
    }

    /// @dev Ghost bookkeeping of a proposal that went through.
    function _opened(bytes32 viewId, bytes32 snapshot, uint256 maxTtl) internal {
        ghostRounds[viewId] += 1;
        ghostOpen[viewId] = true;
        ghostMembersAtOpen[viewId] = membersHash(viewId);
        ghostStateBeforeOpen[viewId] = snapshot;
        ghostOpenedAt[viewId] = block.timestamp;
        ghostMaxTtlAtOpen[viewId] = maxTtl;
        _clearBench(viewId);
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

    /**
     * @dev Relays a batch for the peers in `subset`: good signatures, forged ones (the peers in `badSeed`), junk
     * for the two wallets (the flipper accepts it while `accepting`), and at times an entry naming no peer and
     * a truncated tail. The batch must go through whenever the round takes acks, recording exactly the good
     * entries.
     */
    function ackBatch(uint256 viewSeed, uint256 subset, uint256 badSeed) external {
        bytes32 viewId = _view(viewSeed);
        IViewCoordinator.ViewState memory before = coordinator.getView(viewId);
        if (!before.roundOpen) return;
        (address[] memory peers, ) = coordinator.peersOf(viewId);
        bytes32 digest = coordinator.ackDigest(viewId, before.round, before.version + 1, before.pending, before.deadline);
        bytes memory sigs;
        uint64 expected = before.ackMask;
        uint256 wallets = 0;
        for (uint256 i = 0; i < peers.length; ++i) {
            if ((subset >> i) & 1 == 0) continue;
            uint64 bit = uint64(1) << uint64(i);
            if (peers[i] == address(burner) || peers[i] == address(flipper)) {
                sigs = abi.encodePacked(sigs, uint8(i), uint16(1), hex"00");
                ++wallets;
                if (peers[i] == address(flipper) && flipper.accepting()) expected |= bit;
                continue;
            }
            uint256 key = (badSeed >> i) & 1 == 1 ? 0xBAD : _keyOf(peers[i]);
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
            sigs = abi.encodePacked(sigs, uint8(i), uint16(65), r, s, v);
            if (key != 0xBAD) expected |= bit;
        }
        if ((badSeed >> 64) & 1 == 1) sigs = abi.encodePacked(sigs, uint8(peers.length), uint16(65), new bytes(65));
        if ((badSeed >> 65) & 1 == 1) sigs = abi.encodePacked(sigs, hex"05");
        bool allowed = block.timestamp <= before.deadline;
        uint256 gasBefore = gasleft();
        // A relayer's gas limit: ample for any honest batch of this handler's views.
        try coordinator.ackWithSignatures{gas: 2_000_000}(viewId, before.round, before.pending, sigs) {
            // A wallet check costs at most its 50k cap (plus the call); the rest is bounded by the batch size.
            if (gasBefore - gasleft() > 150_000 + wallets * 60_000) ++batchesOverGasBound;
            if (!allowed) ++forbiddenCallsSucceeded;
            _after(viewId, before, expected == uint64((uint256(1) << peers.length) - 1));
            IViewCoordinator.ViewState memory s = coordinator.getView(viewId);
            if (s.roundOpen && s.ackMask != expected) ++batchMasksWrong;
        } catch {
            if (allowed) ++batchesRevertedByBadEntry;
        }
    }

    function _keyOf(address peer) internal pure returns (uint256) {
        for (uint256 k = 0; k < EOAS; ++k) if (vm.addr(_key(k)) == peer) return _key(k);
        revert("unknown peer");
    }

    function flip() external {
        flipper.flip();
    }

    /// @dev Cancels as the controller (0), the proposer (1) or a stranger (2).
    function cancel(uint256 viewSeed, uint8 who) external {
        bytes32 viewId = _view(viewSeed);
        IViewCoordinator.ViewState memory before = coordinator.getView(viewId);
        address caller = [ghostController[viewId], before.proposer, STRANGER][who % 3];
        bool allowed = before.roundOpen && caller != STRANGER;
        uint256 writers = _writers(viewId);
        vm.prank(caller);
        try coordinator.cancelRound(viewId) {
            if (!allowed) ++forbiddenCallsSucceeded;
            _aborted(viewId, before, writers);
        } catch {
            if (allowed) ++forbiddenCallsSucceeded;
        }
    }

    /// @dev Expires as the controller or as a stranger (who must wait for the grace window).
    function expire(uint256 viewSeed, bool byController) external {
        bytes32 viewId = _view(viewSeed);
        IViewCoordinator.ViewState memory before = coordinator.getView(viewId);
        uint256 opensAt = uint256(before.deadline) + (byController ? 0 : before.grace);
        bool allowed = before.roundOpen && block.timestamp > opensAt;
        uint256 writers = _writers(viewId);
        vm.prank(byController ? ghostController[viewId] : STRANGER);
        try coordinator.expireRound(viewId) {
            if (!allowed) ++forbiddenCallsSucceeded;
            _aborted(viewId, before, writers);
        } catch {
            if (allowed) ++forbiddenCallsSucceeded;
        }
    }

    /// @dev Ghost bookkeeping of a cancel or expiry: the state is restored and the proposer may be benched.
    function _aborted(bytes32 viewId, IViewCoordinator.ViewState memory before, uint256 writers) internal {
        ghostOpen[viewId] = false;
        if (roundState(viewId) != ghostStateBeforeOpen[viewId]) ++abortsNotRestoring;
        if (before.grace != 0 && writers > 1) {
            (ghostBenched[viewId], ghostBenchedUntil[viewId]) = (before.proposer, block.timestamp + before.grace);
        }
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
        vm.prank(ghostController[viewId]);
        try coordinator.evictAndCommit(viewId, silent) {
            if (block.timestamp <= before.deadline) ++forbiddenCallsSucceeded;
            _after(viewId, before, true);
        } catch {
            if (block.timestamp > before.deadline) ++forbiddenCallsSucceeded;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The controller
    // ------------------------------------------------------------------------------------------------

    /// @dev Adds or changes a peer; with `thenPropose`, a writer proposes in the same block right after.
    function setPeer(uint256 viewSeed, uint256 accountSeed, uint8 permsSeed, bool thenPropose) external {
        bytes32 viewId = _view(viewSeed);
        address peer = account(accountSeed % ACCOUNTS);
        bytes32 members = membersHash(viewId);
        vm.prank(ghostController[viewId]);
        try coordinator.setPeer(viewId, peer, 1 + (permsSeed % 3)) {
            _controllerActed(viewId, thenPropose);
        } catch {
            ++forbiddenCallsSucceeded;
            if (membersHash(viewId) != members) ++forbiddenCallsSucceeded;
        }
    }

    /// @dev Removes a peer, which can then no longer propose; with `thenPropose`, a writer proposes right after.
    function removePeer(uint256 viewSeed, uint256 peerSeed, bool thenPropose) external {
        bytes32 viewId = _view(viewSeed);
        (address[] memory peers, ) = coordinator.peersOf(viewId);
        address removed = peers[peerSeed % peers.length];
        vm.prank(ghostController[viewId]);
        try coordinator.removePeer(viewId, removed) {
            if (peers.length == 1) ++forbiddenCallsSucceeded;
            _controllerActed(viewId, false);
            IViewCoordinator.ViewState memory s = coordinator.getView(viewId);
            vm.prank(removed);
            try coordinator.proposeUpdate(viewId, s.version, s.head, keccak256("removed"), 1) {
                ++removedPeersStillProposing;
            } catch {}
            if (thenPropose) _proposeRightAway(viewId);
        } catch {
            if (peers.length > 1) ++forbiddenCallsSucceeded;
        }
    }

    /// @dev After a membership change: no round is open, nobody is benched, and (optionally) a writer proposes.
    function _controllerActed(bytes32 viewId, bool thenPropose) internal {
        ghostOpen[viewId] = false;
        _clearBench(viewId);
        if (coordinator.getView(viewId).roundOpen) ++controllerActionsLeavingRoundOpen;
        if (thenPropose) _proposeRightAway(viewId);
    }

    /// @dev The first writer of the view proposes at once: right after the controller acted it must succeed.
    function _proposeRightAway(bytes32 viewId) internal {
        (address[] memory peers, uint8[] memory perms) = coordinator.peersOf(viewId);
        for (uint256 i = 0; i < peers.length; ++i) {
            if (perms[i] & 2 == 0) continue;
            IViewCoordinator.ViewState memory before = coordinator.getView(viewId);
            bytes32 snapshot = roundState(viewId);
            bytes32 commitment = keccak256(abi.encode("right away", ++_nonce));
            vm.prank(peers[i]);
            try coordinator.proposeUpdate(viewId, before.version, before.head, commitment, 1) {
                _opened(viewId, snapshot, before.maxTtl);
                before.pending = commitment;
                _after(viewId, before, peers.length == 1);
            } catch {
                ++controllerActionsLeavingRoundOpen;
            }
            return;
        }
    }

    function setRoundLimits(uint256 viewSeed, uint32 maxTtlSeed, uint32 graceSeed) external {
        bytes32 viewId = _view(viewSeed);
        uint32 maxTtl = maxTtlSeed % 1501; // 0 is refused
        uint32 grace = graceSeed % 501;
        vm.prank(ghostController[viewId]);
        try coordinator.setRoundLimits(viewId, maxTtl, grace) {
            if (maxTtl == 0) ++forbiddenCallsSucceeded;
        } catch {
            if (maxTtl != 0) ++forbiddenCallsSucceeded;
        }
    }

    /// @dev Names the other controller candidate, nobody, or an address that never accepts; at times as a stranger.
    function transferControl(uint256 viewSeed, uint8 targetSeed, bool byStranger) external {
        bytes32 viewId = _view(viewSeed);
        address target = [controllers[0], controllers[1], address(0), address(0xDEAD)][targetSeed % 4];
        vm.prank(byStranger ? STRANGER : ghostController[viewId]);
        try coordinator.transferControl(viewId, target) {
            if (byStranger) ++forbiddenCallsSucceeded;
            ghostPendingController[viewId] = target;
        } catch {
            if (!byStranger) ++forbiddenCallsSucceeded;
        }
    }

    function acceptControl(uint256 viewSeed, uint8 callerSeed) external {
        bytes32 viewId = _view(viewSeed);
        address caller = [controllers[0], controllers[1], STRANGER][callerSeed % 3];
        bool allowed = caller == ghostPendingController[viewId];
        vm.prank(caller);
        try coordinator.acceptControl(viewId) {
            if (!allowed) ++forbiddenCallsSucceeded;
            (ghostController[viewId], ghostPendingController[viewId]) = (caller, address(0));
        } catch {
            if (allowed) ++forbiddenCallsSucceeded;
        }
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + (seconds_ % 3000));
    }

    // ------------------------------------------------------------------------------------------------
    // Probes (dry runs for the invariants: they always revert with their result)
    // ------------------------------------------------------------------------------------------------

    /// @dev Can a stranger expire the open round of `viewId` now?
    function probeStrangerExpires(bytes32 viewId) external {
        vm.prank(STRANGER);
        try coordinator.expireRound(viewId) {
            revert ProbeResult(true);
        } catch {
            revert ProbeResult(false);
        }
    }

    /**
     * @dev Does one membership call by the controller (re-setting a peer's own permissions) leave no round open,
     * with the writers free to propose right after, in the same block? The writer tried is the benched one if
     * there is one (the hardest case), else the first writer.
     */
    function probeControllerFrees(bytes32 viewId) external {
        (address[] memory peers, uint8[] memory perms) = coordinator.peersOf(viewId);
        address writer = coordinator.getView(viewId).benched;
        for (uint256 i = 0; i < peers.length && writer == address(0); ++i) if (perms[i] & 2 != 0) writer = peers[i];
        vm.prank(ghostController[viewId]);
        try coordinator.setPeer(viewId, peers[0], perms[0]) {} catch {
            revert ProbeResult(false);
        }
        IViewCoordinator.ViewState memory s = coordinator.getView(viewId);
        if (s.roundOpen) revert ProbeResult(false);
        if (writer == address(0)) revert ProbeResult(true); // no writer: freeing the view is all there is
        vm.prank(writer);
        try coordinator.proposeUpdate(viewId, s.version, s.head, keccak256("probe"), 1) {
            revert ProbeResult(true);
        } catch {
            revert ProbeResult(false);
        }
    }
}

/**
 * @dev The protocol's invariants over {CoordinatorHandler}'s random call sequences: the round bookkeeping
 * (the first seven), then the liveness bounds, the signature batches, the bench and the control handover.
 */
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

    /// @dev Read by forge: the handler's actions (not its ghost-state getters or probes).
    function targetSelectors() public view returns (FuzzSelector[] memory selectors) {
        bytes4[] memory actions = new bytes4[](14);
        actions[0] = CoordinatorHandler.propose.selector;
        actions[1] = CoordinatorHandler.ackDirect.selector;
        actions[2] = CoordinatorHandler.ackBatch.selector;
        actions[3] = CoordinatorHandler.cancel.selector;
        actions[4] = CoordinatorHandler.expire.selector;
        actions[5] = CoordinatorHandler.evict.selector;
        actions[6] = CoordinatorHandler.setPeer.selector;
        actions[7] = CoordinatorHandler.removePeer.selector;
        actions[8] = CoordinatorHandler.warp.selector;
        actions[9] = CoordinatorHandler.setRoundLimits.selector;
        actions[10] = CoordinatorHandler.transferControl.selector;
        actions[11] = CoordinatorHandler.acceptControl.selector;
        actions[12] = CoordinatorHandler.flip.selector;
        actions[13] = CoordinatorHandler.ackDirect.selector; // acks twice as often: rounds complete
        selectors = new FuzzSelector[](1);
        selectors[0] = FuzzSelector(address(handler), actions);
    }

    function _each() internal view returns (bytes32[2] memory ids) {
        (ids[0], ids[1]) = (handler.viewIds(0), handler.viewIds(1));
    }

    /// @dev Runs a probe of the handler and returns its result (the probe's effects are reverted).
    function _probe(bytes memory call) internal returns (bool) {
        (bool ok, bytes memory data) = address(handler).call(call);
        vm.assertTrue(!ok && data.length == 36 && bytes4(data) == CoordinatorHandler.ProbeResult.selector, "probe result");
        assembly ("memory-safe") {
            ok := mload(add(data, 36))
        }
        return ok;
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

    /// Expire and cancel restore the pre-proposal round state and membership (all but the round counter).
    function invariant_abortRestoresState() public view {
        vm.assertEq(handler.abortsNotRestoring(), 0, "abort did not restore the pre-proposal state");
    }

    /// Membership never differs from what it was when the open round was proposed (changes abort the round).
    function invariant_membershipFrozenWhileOpen() public view {
        bytes32[2] memory ids = _each();
        for (uint256 v = 0; v < 2; ++v) {
            if (coordinator.getView(ids[v]).roundOpen) {
                vm.assertEq(handler.membersHash(ids[v]), handler.ghostMembersAtOpen(ids[v]), "membership changed");
            }
        }
    }

    /**
     * Liveness without the controller: an open round's deadline is at most maxTtl (at its proposal) after the
     * proposal, and a stranger can expire it exactly once the grace window after the deadline has passed, so
     * no round keeps the view longer than maxTtl + grace.
     */
    function invariant_roundsEndWithinMaxTtlPlusGrace() public {
        bytes32[2] memory ids = _each();
        for (uint256 v = 0; v < 2; ++v) {
            IViewCoordinator.ViewState memory s = coordinator.getView(ids[v]);
            if (!s.roundOpen) continue;
            uint256 openedAt = handler.ghostOpenedAt(ids[v]);
            vm.assertLe(s.deadline, openedAt + handler.ghostMaxTtlAtOpen(ids[v]), "deadline within maxTtl");
            bool due = block.timestamp > uint256(s.deadline) + s.grace;
            vm.assertEq(
                _probe(abi.encodeCall(CoordinatorHandler.probeStrangerExpires, (ids[v]))),
                due,
                "anyone can expire exactly after deadline + grace"
            );
        }
    }

    /**
     * Liveness with the controller: one membership call by the controller leaves no round open, and every
     * writer can propose right after it, in the same block; a removed peer cannot propose.
     */
    /// forge-config: default.invariant.check_interval = 8
    function invariant_controllerFreesTheViewInOneTransaction() public {
        bytes32[2] memory ids = _each();
        for (uint256 v = 0; v < 2; ++v) {
            vm.assertTrue(_probe(abi.encodeCall(CoordinatorHandler.probeControllerFrees, (ids[v]))), "freed");
        }
        vm.assertEq(handler.controllerActionsLeavingRoundOpen(), 0, "a round survived a membership change");
        vm.assertEq(handler.removedPeersStillProposing(), 0, "a removed peer proposed");
    }

    /**
     * No signature batch reverts because of a bad entry (forged, misaddressed, truncated, a gas-burning or
     * answer-flipping wallet): while the round takes acks every batch goes through, records exactly its
     * good entries, and each wallet check costs at most its gas cap.
     */
    function invariant_badEntriesNeverRevertABatch() public view {
        vm.assertEq(handler.batchesRevertedByBadEntry(), 0, "a batch reverted");
        vm.assertEq(handler.batchMasksWrong(), 0, "a batch recorded a bad entry or lost a good one");
        vm.assertEq(handler.batchesOverGasBound(), 0, "a wallet check used more than its gas cap");
    }

    /// The bench is exactly the rule's: the proposer of a cancelled or expired round, for grace seconds.
    function invariant_benchFollowsTheRule() public view {
        bytes32[2] memory ids = _each();
        for (uint256 v = 0; v < 2; ++v) {
            IViewCoordinator.ViewState memory s = coordinator.getView(ids[v]);
            bool active = block.timestamp < handler.ghostBenchedUntil(ids[v]);
            vm.assertEq(s.benched, active ? handler.ghostBenched(ids[v]) : address(0), "benched");
            vm.assertEq(s.benchedUntil, active ? handler.ghostBenchedUntil(ids[v]) : 0, "benchedUntil");
        }
    }

    /// Control changes only when the named account accepts it.
    function invariant_controlMovesInTwoSteps() public view {
        bytes32[2] memory ids = _each();
        for (uint256 v = 0; v < 2; ++v) {
            IViewCoordinator.ViewState memory s = coordinator.getView(ids[v]);
            vm.assertEq(s.controller, handler.ghostController(ids[v]), "controller");
            vm.assertEq(s.pendingController, handler.ghostPendingController(ids[v]), "pending controller");
        }
    }
}
