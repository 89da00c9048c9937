// SPDX-License-Identifier: MIT
// lensync v0.1.0 (contracts/test/ViewCoordinator.t.sol)

pragma solidity ^0.8.24;

import {IViewCoordinator} from "../IViewCoordinator.sol";
import {Vm} from "./utils/Vm.sol";
import {CoordinatorFixture} from "./utils/CoordinatorFixture.sol";

// Unit tests: every function, every custom error, every event. One contract per group of functions (a single
// contract outgrows the legacy code generator's jump-tag space).

/// @dev {IViewCoordinator-createView}, {IViewCoordinator-setPeer} and {IViewCoordinator-removePeer}.
contract ViewCoordinatorMembershipTest is CoordinatorFixture {
    // ---------------------------------------------------------------- createView

    function test_createView_storesViewAndEmits() public {
        address[] memory peers = new address[](2);
        uint8[] memory perms = new uint8[](2);
        (peers[0], perms[0]) = (_peer(0), RW);
        (peers[1], perms[1]) = (_peer(1), READ);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.ViewCreated(VIEW_ID, controller, C0, DEFINITION);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.RoundLimitsChanged(VIEW_ID, MAX_TTL, GRACE);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.PeerPermissionsChanged(VIEW_ID, peers[0], 0, RW);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.PeerPermissionsChanged(VIEW_ID, peers[1], 1, READ);
        _createViewRaw(SALT, controller, peers, perms);

        IViewCoordinator.ViewState memory s = coordinator.getView(VIEW_ID);
        vm.assertEq(s.controller, controller, "controller");
        vm.assertEq(s.head, C0, "head");
        vm.assertEq(s.pending, bytes32(0), "pending");
        vm.assertEq(s.version, 0, "version");
        vm.assertEq(s.round, 0, "round");
        vm.assertEq(s.peerCount, 2, "peerCount");
        vm.assertEq(s.roundOpen, false, "roundOpen");
        vm.assertEq(coordinator.permissionsOf(VIEW_ID, peers[0]), RW, "perms 0");
        vm.assertEq(coordinator.permissionsOf(VIEW_ID, peers[1]), READ, "perms 1");
        vm.assertEq(coordinator.permissionsOf(VIEW_ID, address(0xdead)), 0, "non-member");
        (address[] memory got, uint8[] memory gotPerms) = coordinator.peersOf(VIEW_ID);
        vm.assertEq(got.length, 2, "peers length");
        vm.assertEq(got[1], peers[1], "peer 1");
        vm.assertEq(gotPerms[0], RW, "peersOf perms 0");
    }

    function test_createView_idIsBoundToCreatorAndSalt() public {
        vm.assertEq(coordinator.viewIdOf(address(this), SALT), VIEW_ID, "viewIdOf");
        vm.assertEq(_createView(SALT, 1, 1), VIEW_ID, "returned id");
        // Another creator with the same salt gets another view.
        vm.prank(address(0xBEEF));
        bytes32 other = coordinator.createView(SALT, C0, DEFINITION, controller, _one(_peer(0)), _one(RW), MAX_TTL, GRACE);
        vm.assertEq(other, keccak256(abi.encode(address(0xBEEF), SALT)), "other creator's id");
        vm.assertTrue(other != VIEW_ID, "distinct ids");
        vm.assertEq(coordinator.getView(other).controller, controller, "both exist");
    }

    function testFuzz_viewIdOf_isKeccakOfCreatorAndSalt(address creator, bytes32 salt) public view {
        vm.assertEq(coordinator.viewIdOf(creator, salt), keccak256(abi.encode(creator, salt)), "viewIdOf");
    }

    function test_createView_revertsViewExists() public {
        _createView(SALT, 1, 1);
        vm.expectRevert(_err(IViewCoordinator.ViewExists.selector, VIEW_ID));
        _createView(SALT, 1, 1);
    }

    function test_createView_revertsInvalidAccountForController() public {
        address[] memory peers = new address[](1);
        uint8[] memory perms = new uint8[](1);
        (peers[0], perms[0]) = (_peer(0), RW);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.InvalidAccount.selector, VIEW_ID, address(0)));
        _createViewRaw(SALT, address(0), peers, perms);
    }

    function test_createView_revertsInvalidAccountForPeer() public {
        address[] memory peers = new address[](1);
        uint8[] memory perms = new uint8[](1);
        perms[0] = RW;
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.InvalidAccount.selector, VIEW_ID, address(0)));
        _createViewRaw(SALT, controller, peers, perms);
    }

    function test_createView_revertsArrayLengthMismatch() public {
        address[] memory peers = new address[](2);
        uint8[] memory perms = new uint8[](1);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.ArrayLengthMismatch.selector, VIEW_ID, 2, 1));
        _createViewRaw(SALT, controller, peers, perms);
    }

    function test_createView_revertsEmptyView() public {
        vm.expectRevert(_err(IViewCoordinator.EmptyView.selector, VIEW_ID));
        _createViewRaw(SALT, controller, new address[](0), new uint8[](0));
    }

    function test_createView_revertsTooManyPeers() public {
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.TooManyPeers.selector, VIEW_ID, 65));
        _createView(SALT, 65, 1);
    }

    function test_createView_accepts64Peers() public {
        _createView(SALT, 64, 1);
        vm.assertEq(coordinator.getView(VIEW_ID).peerCount, 64, "peerCount");
    }

    function test_createView_revertsDuplicatePeer() public {
        address[] memory peers = new address[](2);
        uint8[] memory perms = new uint8[](2);
        (peers[0], perms[0]) = (_peer(0), RW);
        (peers[1], perms[1]) = (_peer(0), READ);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.DuplicatePeer.selector, VIEW_ID, _peer(0)));
        _createViewRaw(SALT, controller, peers, perms);
    }

    function test_createView_revertsInvalidPermissions() public {
        address[] memory peers = new address[](1);
        uint8[] memory perms = new uint8[](1);
        peers[0] = _peer(0);
        for (uint8 p = 0; p < 8; p += 4) {
            perms[0] = p;
            vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.InvalidPermissions.selector, VIEW_ID, peers[0], p));
            _createViewRaw(SALT, controller, peers, perms);
        }
    }

    // ---------------------------------------------------------------- setPeer / removePeer

    function test_setPeer_addsPeerAtNextIndex() public {
        _createView(SALT, 2, 1);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.PeerPermissionsChanged(VIEW_ID, _peer(9), 2, WRITE);
        vm.prank(controller);
        coordinator.setPeer(VIEW_ID, _peer(9), WRITE);
        vm.assertEq(coordinator.getView(VIEW_ID).peerCount, 3, "peerCount");
        vm.assertEq(coordinator.permissionsOf(VIEW_ID, _peer(9)), WRITE, "perms");
    }

    function test_setPeer_changesPermissionsInPlace() public {
        _createView(SALT, 2, 1);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.PeerPermissionsChanged(VIEW_ID, _peer(1), 1, RW);
        vm.prank(controller);
        coordinator.setPeer(VIEW_ID, _peer(1), RW);
        (address[] memory peers, uint8[] memory perms) = coordinator.peersOf(VIEW_ID);
        vm.assertEq(peers.length, 2, "count unchanged");
        vm.assertEq(perms[1], RW, "peersOf perms");
        vm.assertEq(coordinator.permissionsOf(VIEW_ID, _peer(1)), RW, "permissionsOf");
    }

    function test_setPeer_revertsUnknownView() public {
        vm.expectRevert(_err(IViewCoordinator.UnknownView.selector, VIEW_ID));
        coordinator.setPeer(VIEW_ID, _peer(0), READ);
    }

    function test_setPeer_revertsNotController() public {
        _createView(SALT, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.NotController.selector, VIEW_ID, _peer(0)));
        vm.prank(_peer(0));
        coordinator.setPeer(VIEW_ID, _peer(5), READ);
    }

    function test_setPeer_abortsOpenRound() public {
        _createView(SALT, 3, 1);
        uint64 round = _propose(VIEW_ID, 0, C1);
        vm.prank(_peer(2));
        coordinator.ack(VIEW_ID, round, C1);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.RoundAborted(VIEW_ID, round, IViewCoordinator.AbortReason.MembershipChanged, 2);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.PeerPermissionsChanged(VIEW_ID, _peer(5), 3, READ);
        vm.prank(controller);
        coordinator.setPeer(VIEW_ID, _peer(5), READ);
        IViewCoordinator.ViewState memory s = coordinator.getView(VIEW_ID);
        vm.assertEq(s.roundOpen, false, "aborted");
        vm.assertEq(s.head, C0, "head unchanged");
        vm.assertEq(s.version, 0, "version unchanged");
        vm.assertEq(s.peerCount, 4, "peer added");
        // The same proposal can be made again, now acknowledged by the new peer too.
        vm.assertEq(_propose(VIEW_ID, 0, C1), round + 1, "next round");
    }

    function test_setPeer_changingPermissionsAlsoAborts() public {
        _createView(SALT, 2, 2);
        uint64 round = _propose(VIEW_ID, 1, C1);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.RoundAborted(VIEW_ID, round, IViewCoordinator.AbortReason.MembershipChanged, 1);
        vm.prank(controller);
        coordinator.setPeer(VIEW_ID, _peer(1), READ);
        vm.assertEq(coordinator.getView(VIEW_ID).roundOpen, false, "aborted");
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.MissingPermission.selector, VIEW_ID, _peer(1), WRITE));
        vm.prank(_peer(1));
        coordinator.proposeUpdate(VIEW_ID, 0, C0, C2, TTL);
    }

    function test_setPeer_revertsInvalidAccountAndPermissions() public {
        _createView(SALT, 1, 1);
        vm.startPrank(controller);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.InvalidAccount.selector, VIEW_ID, address(0)));
        coordinator.setPeer(VIEW_ID, address(0), READ);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.InvalidPermissions.selector, VIEW_ID, _peer(0), 0));
        coordinator.setPeer(VIEW_ID, _peer(0), 0);
        vm.stopPrank();
    }

    function test_setPeer_revertsTooManyPeers() public {
        _createView(SALT, 64, 1);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.TooManyPeers.selector, VIEW_ID, 65));
        vm.prank(controller);
        coordinator.setPeer(VIEW_ID, _peer(64), READ);
    }

    function test_removePeer_movesLastPeerIntoFreedIndex() public {
        _createView(SALT, 3, 1);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.PeerPermissionsChanged(VIEW_ID, _peer(0), 0, 0);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.PeerPermissionsChanged(VIEW_ID, _peer(2), 0, READ);
        vm.prank(controller);
        coordinator.removePeer(VIEW_ID, _peer(0));
        (address[] memory peers, ) = coordinator.peersOf(VIEW_ID);
        vm.assertEq(peers.length, 2, "count");
        vm.assertEq(peers[0], _peer(2), "moved");
        vm.assertEq(peers[1], _peer(1), "kept");
        vm.assertEq(coordinator.permissionsOf(VIEW_ID, _peer(0)), 0, "removed");
        // The moved peer acks under its new index: a full round still completes.
        vm.prank(controller);
        coordinator.setPeer(VIEW_ID, _peer(1), RW);
        _propose(VIEW_ID, 1, C1);
        vm.prank(_peer(2));
        coordinator.ack(VIEW_ID, 1, C1);
        vm.assertEq(coordinator.getView(VIEW_ID).head, C1, "completed");
    }

    function test_removePeer_lastIndexEmitsOnce() public {
        _createView(SALT, 2, 1);
        vm.recordLogs();
        vm.prank(controller);
        coordinator.removePeer(VIEW_ID, _peer(1));
        vm.assertEq(vm.getRecordedLogs().length, 1, "one event");
        vm.assertEq(coordinator.getView(VIEW_ID).peerCount, 1, "peerCount");
    }

    function test_removePeer_reverts() public {
        _createView(SALT, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.NotController.selector, VIEW_ID, address(this)));
        coordinator.removePeer(VIEW_ID, _peer(0));
        vm.startPrank(controller);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.NotPeer.selector, VIEW_ID, _peer(7)));
        coordinator.removePeer(VIEW_ID, _peer(7));
        vm.expectRevert(_err(IViewCoordinator.EmptyView.selector, VIEW_ID));
        coordinator.removePeer(VIEW_ID, _peer(0));
        vm.expectRevert(_err(IViewCoordinator.UnknownView.selector, bytes32(uint256(1))));
        coordinator.removePeer(bytes32(uint256(1)), _peer(0));
        vm.stopPrank();
    }

    function test_removePeer_abortsOpenRound() public {
        _createView(SALT, 3, 2);
        uint64 round = _propose(VIEW_ID, 1, C1);
        // Missing: peers 0 and 2, indexed before the removal moves peer 2 into index 1.
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.RoundAborted(VIEW_ID, round, IViewCoordinator.AbortReason.MembershipChanged, 5);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.PeerPermissionsChanged(VIEW_ID, _peer(1), 1, 0);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.PeerPermissionsChanged(VIEW_ID, _peer(2), 1, READ);
        vm.prank(controller);
        coordinator.removePeer(VIEW_ID, _peer(1));
        IViewCoordinator.ViewState memory s = coordinator.getView(VIEW_ID);
        vm.assertEq(s.roundOpen, false, "aborted");
        vm.assertEq(s.head, C0, "head unchanged");
        vm.assertEq(s.peerCount, 2, "removed");
    }

    // ---------------------------------------------------------------- setRoundLimits

    function test_setRoundLimits_setsAndEmits() public {
        _createView(SALT, 2, 1);
        IViewCoordinator.ViewState memory s = coordinator.getView(VIEW_ID);
        vm.assertEq(s.maxTtl, MAX_TTL, "maxTtl at creation");
        vm.assertEq(s.grace, GRACE, "grace at creation");
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.RoundLimitsChanged(VIEW_ID, 30 days, 0);
        vm.prank(controller);
        coordinator.setRoundLimits(VIEW_ID, 30 days, 0);
        s = coordinator.getView(VIEW_ID);
        vm.assertEq(s.maxTtl, 30 days, "maxTtl");
        vm.assertEq(s.grace, 0, "grace");
        vm.prank(_peer(0));
        coordinator.proposeUpdate(VIEW_ID, 0, C0, C1, 30 days);
    }

    function test_setRoundLimits_reverts() public {
        vm.expectRevert(_err(IViewCoordinator.UnknownView.selector, VIEW_ID));
        coordinator.setRoundLimits(VIEW_ID, 1, 0);
        _createView(SALT, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.NotController.selector, VIEW_ID, _peer(0)));
        vm.prank(_peer(0));
        coordinator.setRoundLimits(VIEW_ID, 1, 0);
        uint32[2][3] memory bad = [[uint32(0), 0], [uint32(30 days + 1), 0], [uint32(1), 30 days + 1]];
        for (uint256 i = 0; i < bad.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IViewCoordinator.InvalidRoundLimits.selector, VIEW_ID, bad[i][0], bad[i][1])
            );
            vm.prank(controller);
            coordinator.setRoundLimits(VIEW_ID, bad[i][0], bad[i][1]);
        }
    }

    // ---------------------------------------------------------------- transferControl / acceptControl

    function test_transferControl_twoSteps() public {
        _createView(SALT, 2, 1);
        address next = address(0xC0FFEE);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.ControlTransferStarted(VIEW_ID, controller, next);
        vm.prank(controller);
        coordinator.transferControl(VIEW_ID, next);
        IViewCoordinator.ViewState memory s = coordinator.getView(VIEW_ID);
        vm.assertEq(s.controller, controller, "unchanged until accepted");
        vm.assertEq(s.pendingController, next, "pending");

        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.ControlTransferred(VIEW_ID, controller, next);
        vm.prank(next);
        coordinator.acceptControl(VIEW_ID);
        s = coordinator.getView(VIEW_ID);
        vm.assertEq(s.controller, next, "new controller");
        vm.assertEq(s.pendingController, address(0), "pending cleared");

        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.NotController.selector, VIEW_ID, controller));
        vm.prank(controller);
        coordinator.setPeer(VIEW_ID, _peer(5), READ);
        vm.prank(next);
        coordinator.setPeer(VIEW_ID, _peer(5), READ);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.NotPendingController.selector, VIEW_ID, next));
        vm.prank(next);
        coordinator.acceptControl(VIEW_ID);
    }

    function test_transferControl_overwriteAndCancel() public {
        _createView(SALT, 1, 1);
        vm.startPrank(controller);
        coordinator.transferControl(VIEW_ID, address(0xA));
        coordinator.transferControl(VIEW_ID, address(0xB));
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.NotPendingController.selector, VIEW_ID, address(0xA)));
        vm.prank(address(0xA));
        coordinator.acceptControl(VIEW_ID);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.ControlTransferStarted(VIEW_ID, controller, address(0));
        vm.prank(controller);
        coordinator.transferControl(VIEW_ID, address(0));
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.NotPendingController.selector, VIEW_ID, address(0xB)));
        vm.prank(address(0xB));
        coordinator.acceptControl(VIEW_ID);
        vm.assertEq(coordinator.getView(VIEW_ID).controller, controller, "unchanged");
    }

    function test_transferControl_reverts() public {
        vm.expectRevert(_err(IViewCoordinator.UnknownView.selector, VIEW_ID));
        coordinator.transferControl(VIEW_ID, address(0xA));
        vm.expectRevert(_err(IViewCoordinator.UnknownView.selector, VIEW_ID));
        coordinator.acceptControl(VIEW_ID);
        _createView(SALT, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.NotController.selector, VIEW_ID, _peer(0)));
        vm.prank(_peer(0));
        coordinator.transferControl(VIEW_ID, _peer(0));
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.NotPendingController.selector, VIEW_ID, _peer(0)));
        vm.prank(_peer(0));
        coordinator.acceptControl(VIEW_ID);
    }

    function test_createView_revertsInvalidRoundLimits() public {
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.InvalidRoundLimits.selector, VIEW_ID, 0, 0));
        coordinator.createView(SALT, C0, DEFINITION, controller, _one(_peer(0)), _one(RW), 0, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IViewCoordinator.InvalidRoundLimits.selector, VIEW_ID, 1, 30 days + 1)
        );
        coordinator.createView(SALT, C0, DEFINITION, controller, _one(_peer(0)), _one(RW), 1, 30 days + 1);
    }

}

/// @dev {IViewCoordinator-proposeUpdate}, {IViewCoordinator-ack} and {IViewCoordinator-ackWithSignatures}.
contract ViewCoordinatorRoundsTest is CoordinatorFixture {
    // ---------------------------------------------------------------- proposeUpdate

    function test_proposeUpdate_opensRoundWithProposerAck() public {
        _createView(SALT, 3, 1);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.UpdateProposed(VIEW_ID, 1, _peer(0), 1, C1, uint40(block.timestamp + TTL));
        uint64 round = _propose(VIEW_ID, 0, C1);
        vm.assertEq(round, 1, "round");
        IViewCoordinator.ViewState memory s = coordinator.getView(VIEW_ID);
        vm.assertEq(s.roundOpen, true, "open");
        vm.assertEq(s.pending, C1, "pending");
        vm.assertEq(s.head, C0, "head unchanged");
        vm.assertEq(s.ackMask, 1, "proposer acked");
        vm.assertEq(s.proposer, _peer(0), "proposer");
        vm.assertEq(s.deadline, block.timestamp + TTL, "deadline");
    }

    function test_proposeUpdate_singlePeerCompletesAtOnce() public {
        _createView(SALT, 1, 1);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.UpdateProposed(VIEW_ID, 1, _peer(0), 1, C1, uint40(block.timestamp + TTL));
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.RoundCompleted(VIEW_ID, 1, 1, C1);
        _propose(VIEW_ID, 0, C1);
        IViewCoordinator.ViewState memory s = coordinator.getView(VIEW_ID);
        vm.assertEq(s.head, C1, "head");
        vm.assertEq(s.version, 1, "version");
        vm.assertEq(s.roundOpen, false, "closed");
    }

    function test_proposeUpdate_revertsUnknownViewNotPeerMissingPermission() public {
        vm.expectRevert(_err(IViewCoordinator.UnknownView.selector, VIEW_ID));
        coordinator.proposeUpdate(VIEW_ID, 0, C0, C1, TTL);
        _createView(SALT, 2, 1);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.NotPeer.selector, VIEW_ID, address(this)));
        coordinator.proposeUpdate(VIEW_ID, 0, C0, C1, TTL);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.MissingPermission.selector, VIEW_ID, _peer(1), WRITE));
        vm.prank(_peer(1));
        coordinator.proposeUpdate(VIEW_ID, 0, C0, C1, TTL);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.NotPeer.selector, VIEW_ID, controller));
        vm.prank(controller);
        coordinator.proposeUpdate(VIEW_ID, 0, C0, C1, TTL);
    }

    function test_proposeUpdate_revertsInvalidTtl() public {
        _createView(SALT, 2, 1);
        uint32[3] memory bad = [uint32(0), MAX_TTL + 1, type(uint32).max];
        for (uint256 i = 0; i < bad.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.InvalidTtl.selector, VIEW_ID, bad[i], MAX_TTL));
            vm.prank(_peer(0));
            coordinator.proposeUpdate(VIEW_ID, 0, C0, C1, bad[i]);
        }
        vm.prank(_peer(0));
        coordinator.proposeUpdate(VIEW_ID, 0, C0, C1, MAX_TTL);
        vm.assertEq(coordinator.getView(VIEW_ID).deadline, block.timestamp + MAX_TTL, "maxTtl itself is accepted");
    }

    function test_proposeUpdate_benchesTheFailedProposerWhileAnotherWriterExists() public {
        _createView(SALT, 3, 2);
        uint64 round = _propose(VIEW_ID, 0, C1);
        vm.prank(_peer(0));
        coordinator.cancelRound(VIEW_ID);
        uint40 until = uint40(block.timestamp + GRACE);
        IViewCoordinator.ViewState memory s = coordinator.getView(VIEW_ID);
        vm.assertEq(s.benched, _peer(0), "benched");
        vm.assertEq(s.benchedUntil, until, "benchedUntil");

        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.ProposerBenched.selector, VIEW_ID, _peer(0), until));
        vm.prank(_peer(0));
        coordinator.proposeUpdate(VIEW_ID, 0, C0, C1, TTL);
        // The other writer goes first; that lifts the bench.
        vm.assertEq(_propose(VIEW_ID, 1, C2), round + 1, "the other writer proposes");
        s = coordinator.getView(VIEW_ID);
        vm.assertEq(s.benched, address(0), "bench lifted");
        vm.assertEq(s.benchedUntil, 0, "bench lifted (time)");
        vm.prank(controller);
        coordinator.cancelRound(VIEW_ID); // benches peer 1 in turn
        vm.assertEq(coordinator.getView(VIEW_ID).benched, _peer(1), "peer 1 benched");
        vm.assertEq(_propose(VIEW_ID, 0, C1), round + 2, "peer 0 may propose again");
    }

    function test_proposeUpdate_benchEndsAfterGrace() public {
        _createView(SALT, 2, 2);
        _propose(VIEW_ID, 0, C1);
        vm.warp(block.timestamp + TTL + 1);
        vm.prank(controller);
        coordinator.expireRound(VIEW_ID);
        uint40 until = uint40(block.timestamp + GRACE);
        vm.warp(until - 1);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.ProposerBenched.selector, VIEW_ID, _peer(0), until));
        vm.prank(_peer(0));
        coordinator.proposeUpdate(VIEW_ID, 0, C0, C1, TTL);
        vm.warp(until);
        vm.assertEq(coordinator.getView(VIEW_ID).benched, address(0), "bench over");
        _propose(VIEW_ID, 0, C1);
        vm.assertEq(coordinator.getView(VIEW_ID).roundOpen, true, "proposed");
    }

    function test_proposeUpdate_noBenchForALoneWriterOrZeroGrace() public {
        _createView(SALT, 2, 1);
        _propose(VIEW_ID, 0, C1);
        vm.prank(_peer(0));
        coordinator.cancelRound(VIEW_ID);
        vm.assertEq(coordinator.getView(VIEW_ID).benched, address(0), "lone writer");
        _propose(VIEW_ID, 0, C1);

        vm.startPrank(controller);
        coordinator.setPeer(VIEW_ID, _peer(1), RW); // aborts the round, makes a second writer
        coordinator.setRoundLimits(VIEW_ID, MAX_TTL, 0);
        vm.stopPrank();
        _propose(VIEW_ID, 0, C1);
        vm.prank(_peer(0));
        coordinator.cancelRound(VIEW_ID);
        vm.assertEq(coordinator.getView(VIEW_ID).benched, address(0), "zero grace");
        _propose(VIEW_ID, 0, C1);
    }

    function test_proposeUpdate_membershipChangeLiftsTheBench() public {
        _createView(SALT, 3, 2);
        _propose(VIEW_ID, 1, C1);
        vm.prank(_peer(1));
        coordinator.cancelRound(VIEW_ID);
        vm.assertEq(coordinator.getView(VIEW_ID).benched, _peer(1), "benched");
        // Removing peer 0 moves peer 2 to index 0; the bench must not follow the index to another peer.
        vm.prank(controller);
        coordinator.removePeer(VIEW_ID, _peer(0));
        vm.assertEq(coordinator.getView(VIEW_ID).benched, address(0), "lifted");
        _propose(VIEW_ID, 1, C1);
    }

    function test_proposeUpdate_revertsRoundOpen() public {
        _createView(SALT, 2, 2);
        _propose(VIEW_ID, 0, C1);
        vm.expectRevert(
            abi.encodeWithSelector(IViewCoordinator.RoundOpen.selector, VIEW_ID, 1, uint40(block.timestamp + TTL))
        );
        vm.prank(_peer(1));
        coordinator.proposeUpdate(VIEW_ID, 0, C0, C2, TTL);
    }

    function test_proposeUpdate_revertsStaleBaseAndCommitmentMismatch() public {
        _createView(SALT, 1, 1);
        _propose(VIEW_ID, 0, C1); // completes: version 1, head C1
        vm.startPrank(_peer(0));
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.StaleBase.selector, VIEW_ID, 0, 1));
        coordinator.proposeUpdate(VIEW_ID, 0, C0, C2, TTL);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.CommitmentMismatch.selector, VIEW_ID, C1, C0));
        coordinator.proposeUpdate(VIEW_ID, 1, C0, C2, TTL);
        coordinator.proposeUpdate(VIEW_ID, 1, C1, C2, TTL);
        vm.stopPrank();
        vm.assertEq(coordinator.getView(VIEW_ID).head, C2, "rebased proposal completes");
    }

    // ---------------------------------------------------------------- ack

    function test_ack_recordsAndCompletes() public {
        _createView(SALT, 3, 1);
        _propose(VIEW_ID, 0, C1);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.Acknowledged(VIEW_ID, 1, _peer(1));
        vm.prank(_peer(1));
        coordinator.ack(VIEW_ID, 1, C1);
        IViewCoordinator.ViewState memory s = coordinator.getView(VIEW_ID);
        vm.assertEq(s.ackMask, 3, "mask");
        vm.assertEq(s.head, C0, "not complete yet");

        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.Acknowledged(VIEW_ID, 1, _peer(2));
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.RoundCompleted(VIEW_ID, 1, 1, C1);
        vm.prank(_peer(2)); // a READ-only peer: its ack is required and counts
        coordinator.ack(VIEW_ID, 1, C1);
        s = coordinator.getView(VIEW_ID);
        vm.assertEq(s.head, C1, "head");
        vm.assertEq(s.version, 1, "version");
        vm.assertEq(s.ackMask, 0, "mask reset");
        vm.assertEq(s.roundOpen, false, "closed");
        vm.assertEq(s.pending, bytes32(0), "pending hidden");
        vm.assertEq(s.proposer, address(0), "no proposer");
    }

    function test_ack_isIdempotent() public {
        _createView(SALT, 3, 1);
        _propose(VIEW_ID, 0, C1);
        vm.prank(_peer(1));
        coordinator.ack(VIEW_ID, 1, C1);
        vm.recordLogs();
        vm.prank(_peer(1));
        coordinator.ack(VIEW_ID, 1, C1);
        vm.prank(_peer(0)); // the proposer's ack was recorded with the proposal
        coordinator.ack(VIEW_ID, 1, C1);
        vm.assertEq(vm.getRecordedLogs().length, 0, "no events");
        vm.assertEq(coordinator.getView(VIEW_ID).ackMask, 3, "mask unchanged");
    }

    function test_ack_acceptedAtDeadlineRefusedAfter() public {
        _createView(SALT, 3, 1);
        _propose(VIEW_ID, 0, C1);
        uint40 deadline = uint40(block.timestamp + TTL);
        vm.warp(deadline);
        vm.prank(_peer(1));
        coordinator.ack(VIEW_ID, 1, C1);
        vm.warp(uint256(deadline) + 1);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.RoundExpired.selector, VIEW_ID, 1, deadline));
        vm.prank(_peer(2));
        coordinator.ack(VIEW_ID, 1, C1);
    }

    function test_ack_reverts() public {
        vm.expectRevert(_err(IViewCoordinator.UnknownView.selector, VIEW_ID));
        coordinator.ack(VIEW_ID, 1, C1);
        _createView(SALT, 2, 1);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.NotPeer.selector, VIEW_ID, address(this)));
        coordinator.ack(VIEW_ID, 1, C1);
        vm.startPrank(_peer(1));
        vm.expectRevert(_err(IViewCoordinator.NoOpenRound.selector, VIEW_ID));
        coordinator.ack(VIEW_ID, 1, C1);
        vm.stopPrank();
        _propose(VIEW_ID, 0, C1);
        vm.startPrank(_peer(1));
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.WrongRound.selector, VIEW_ID, 1, 2));
        coordinator.ack(VIEW_ID, 2, C1);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.CommitmentMismatch.selector, VIEW_ID, C1, C2));
        coordinator.ack(VIEW_ID, 1, C2);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- ackWithSignatures

    function test_ackWithSignatures_relayedByAnyoneCompletes() public {
        _createView(SALT, 3, 1);
        _propose(VIEW_ID, 0, C1);
        bytes memory sigs = abi.encodePacked(_ackEntry(VIEW_ID, 2), _ackEntry(VIEW_ID, 1));
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.AcksRecorded(VIEW_ID, 1, 6);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.RoundCompleted(VIEW_ID, 1, 1, C1);
        vm.prank(address(0xBEEF));
        coordinator.ackWithSignatures(VIEW_ID, 1, C1, sigs);
        vm.assertEq(coordinator.getView(VIEW_ID).head, C1, "head");
    }

    function test_ackWithSignatures_skipsAlreadyRecordedAcks() public {
        _createView(SALT, 4, 1);
        _propose(VIEW_ID, 0, C1);
        bytes memory sig1 = _ackEntry(VIEW_ID, 1);
        vm.prank(_peer(1)); // front-runs the relayer with a direct ack
        coordinator.ack(VIEW_ID, 1, C1);
        // Already-acked peers (1 directly, 0 as proposer, 2 twice in the batch) are skipped, even with junk.
        bytes memory sigs = abi.encodePacked(
            sig1,
            _entry(0, hex"00"),
            _ackEntry(VIEW_ID, 2),
            _entry(2, new bytes(65))
        );
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.AcksRecorded(VIEW_ID, 1, 4);
        coordinator.ackWithSignatures(VIEW_ID, 1, C1, sigs);
        vm.assertEq(coordinator.getView(VIEW_ID).ackMask, 7, "mask");
        // A batch with nothing new (or nothing at all) is a silent no-op.
        vm.recordLogs();
        coordinator.ackWithSignatures(VIEW_ID, 1, C1, sigs);
        coordinator.ackWithSignatures(VIEW_ID, 1, C1, "");
        vm.assertEq(vm.getRecordedLogs().length, 0, "no events");
    }

    function test_ackWithSignatures_skipsBadEntriesWithEvent() public {
        _createView(SALT, 4, 1);
        bytes32 digest = _digest(block.chainid, address(coordinator), VIEW_ID, 1, 1, C1, uint40(block.timestamp + TTL));
        bytes memory wrongSigner = _entry(2, _sign(_key(1), digest));
        bytes memory badIndex = _entry(4, _sign(_key(2), digest));
        bytes memory shortSig = _entry(2, hex"0102");
        bytes[3] memory bad = [wrongSigner, badIndex, shortSig];
        address[3] memory signers = [_peer(2), address(0), _peer(2)];
        for (uint256 i = 0; i < bad.length; ++i) {
            // The bad entry sits between two good ones: both good ones count.
            uint64 round = _propose(VIEW_ID, 0, C1);
            vm.expectEmit(address(coordinator));
            emit IViewCoordinator.AckSignatureRejected(VIEW_ID, round, 1, signers[i]);
            vm.expectEmit(address(coordinator));
            emit IViewCoordinator.AcksRecorded(VIEW_ID, round, 2 | 8);
            coordinator.ackWithSignatures(
                VIEW_ID,
                round,
                C1,
                abi.encodePacked(_ackEntry(VIEW_ID, 1), bad[i], _ackEntry(VIEW_ID, 3))
            );
            vm.assertEq(coordinator.getView(VIEW_ID).ackMask, 1 | 2 | 8, "good entries recorded");
            vm.prank(controller);
            coordinator.cancelRound(VIEW_ID);
        }
    }

    function test_ackWithSignatures_truncatedEntryEndsTheBatch() public {
        _createView(SALT, 3, 1);
        // A lone header byte, and a declared length running past the end of the data.
        bytes[2] memory tails = [bytes(hex"02"), abi.encodePacked(uint8(2), uint16(65), bytes32(0))];
        for (uint256 i = 0; i < tails.length; ++i) {
            uint64 round = _propose(VIEW_ID, 0, C1);
            vm.expectEmit(address(coordinator));
            emit IViewCoordinator.AckSignatureRejected(VIEW_ID, round, 1, address(0));
            vm.expectEmit(address(coordinator));
            emit IViewCoordinator.AcksRecorded(VIEW_ID, round, 2);
            coordinator.ackWithSignatures(VIEW_ID, round, C1, abi.encodePacked(_ackEntry(VIEW_ID, 1), tails[i]));
            vm.prank(controller);
            coordinator.cancelRound(VIEW_ID);
        }
        // Nothing valid at all: only the rejection, the round stays as it was.
        uint64 last = _propose(VIEW_ID, 0, C1);
        vm.recordLogs();
        coordinator.ackWithSignatures(VIEW_ID, last, C1, hex"02");
        vm.assertEq(vm.getRecordedLogs().length, 1, "only the rejection");
        vm.assertEq(coordinator.getView(VIEW_ID).ackMask, 1, "mask unchanged");
    }

    function test_ackWithSignatures_reverts() public {
        vm.expectRevert(_err(IViewCoordinator.UnknownView.selector, VIEW_ID));
        coordinator.ackWithSignatures(VIEW_ID, 1, C1, "");
        _createView(SALT, 2, 1);
        vm.expectRevert(_err(IViewCoordinator.NoOpenRound.selector, VIEW_ID));
        coordinator.ackWithSignatures(VIEW_ID, 1, C1, "");
        _propose(VIEW_ID, 0, C1);
        bytes memory sigs = _ackEntry(VIEW_ID, 1);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.WrongRound.selector, VIEW_ID, 1, 7));
        coordinator.ackWithSignatures(VIEW_ID, 7, C1, sigs);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.CommitmentMismatch.selector, VIEW_ID, C1, C2));
        coordinator.ackWithSignatures(VIEW_ID, 1, C2, sigs);
        uint40 deadline = uint40(block.timestamp + TTL);
        vm.warp(uint256(deadline) + 1);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.RoundExpired.selector, VIEW_ID, 1, deadline));
        coordinator.ackWithSignatures(VIEW_ID, 1, C1, sigs);
    }

}

/// @dev Closing rounds ({IViewCoordinator-cancelRound}, {IViewCoordinator-expireRound},
/// {IViewCoordinator-evictAndCommit}) and the reads.
contract ViewCoordinatorClosingTest is CoordinatorFixture {
    // ---------------------------------------------------------------- cancelRound / expireRound

    function test_cancelRound_byProposerOrController() public {
        _createView(SALT, 3, 1);
        IViewCoordinator.ViewState memory before = coordinator.getView(VIEW_ID);
        address[2] memory cancellers = [_peer(0), controller];
        for (uint256 i = 0; i < 2; ++i) {
            uint64 round = _propose(VIEW_ID, 0, C1);
            vm.prank(_peer(2));
            coordinator.ack(VIEW_ID, round, C1);
            vm.expectEmit(address(coordinator));
            emit IViewCoordinator.RoundAborted(VIEW_ID, round, IViewCoordinator.AbortReason.Cancelled, 2);
            vm.prank(cancellers[i]);
            coordinator.cancelRound(VIEW_ID);
            _assertRestored(before, coordinator.getView(VIEW_ID), round);
        }
    }

    function test_cancelRound_reverts() public {
        vm.expectRevert(_err(IViewCoordinator.UnknownView.selector, VIEW_ID));
        coordinator.cancelRound(VIEW_ID);
        _createView(SALT, 2, 2);
        vm.expectRevert(_err(IViewCoordinator.NoOpenRound.selector, VIEW_ID));
        coordinator.cancelRound(VIEW_ID);
        _propose(VIEW_ID, 0, C1);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.NotProposerOrController.selector, VIEW_ID, _peer(1)));
        vm.prank(_peer(1)); // a writer, but not this round's proposer
        coordinator.cancelRound(VIEW_ID);
    }

    function test_expireRound_byControllerAfterDeadline() public {
        _createView(SALT, 3, 1);
        IViewCoordinator.ViewState memory before = coordinator.getView(VIEW_ID);
        _propose(VIEW_ID, 0, C1);
        uint40 deadline = uint40(block.timestamp + TTL);
        vm.warp(deadline);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.RoundNotExpired.selector, VIEW_ID, 1, deadline));
        vm.prank(controller);
        coordinator.expireRound(VIEW_ID);
        vm.warp(uint256(deadline) + 1);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.RoundAborted(VIEW_ID, 1, IViewCoordinator.AbortReason.Expired, 6);
        vm.prank(controller);
        coordinator.expireRound(VIEW_ID);
        _assertRestored(before, coordinator.getView(VIEW_ID), 1);
    }

    function test_expireRound_byAnyoneAfterGrace() public {
        _createView(SALT, 3, 1);
        IViewCoordinator.ViewState memory before = coordinator.getView(VIEW_ID);
        _propose(VIEW_ID, 0, C1);
        uint40 deadline = uint40(block.timestamp + TTL);
        uint40 graceEnd = deadline + GRACE;
        vm.warp(graceEnd);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.ControllerGracePeriod.selector, VIEW_ID, 1, graceEnd));
        vm.prank(_peer(0)); // not even the proposer
        coordinator.expireRound(VIEW_ID);
        vm.warp(uint256(graceEnd) + 1);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.RoundAborted(VIEW_ID, 1, IViewCoordinator.AbortReason.Expired, 6);
        vm.prank(address(0xBEEF));
        coordinator.expireRound(VIEW_ID);
        _assertRestored(before, coordinator.getView(VIEW_ID), 1);
        // The same base can be proposed again.
        vm.assertEq(_propose(VIEW_ID, 0, C1), 2, "next round");
    }

    function test_expireRound_reverts() public {
        vm.expectRevert(_err(IViewCoordinator.UnknownView.selector, VIEW_ID));
        coordinator.expireRound(VIEW_ID);
        _createView(SALT, 2, 1);
        vm.expectRevert(_err(IViewCoordinator.NoOpenRound.selector, VIEW_ID));
        coordinator.expireRound(VIEW_ID);
    }

    // ---------------------------------------------------------------- evictAndCommit

    function test_evictAndCommit_removesSilentPeersAndCompletes() public {
        _createView(SALT, 4, 1);
        _propose(VIEW_ID, 0, C1);
        vm.prank(_peer(2));
        coordinator.ack(VIEW_ID, 1, C1);
        vm.warp(block.timestamp + TTL + 1);
        address[] memory silent = new address[](2);
        (silent[0], silent[1]) = (_peer(1), _peer(3));
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.PeersEvicted(VIEW_ID, 1, 10);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.PeerPermissionsChanged(VIEW_ID, _peer(1), 1, 0);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.PeerPermissionsChanged(VIEW_ID, _peer(3), 1, READ);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.PeerPermissionsChanged(VIEW_ID, _peer(3), 1, 0);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.RoundCompleted(VIEW_ID, 1, 1, C1);
        vm.prank(controller);
        coordinator.evictAndCommit(VIEW_ID, silent);
        (address[] memory peers, ) = coordinator.peersOf(VIEW_ID);
        vm.assertEq(peers.length, 2, "two left");
        vm.assertEq(peers[0], _peer(0), "peer 0");
        vm.assertEq(peers[1], _peer(2), "peer 2");
        IViewCoordinator.ViewState memory s = coordinator.getView(VIEW_ID);
        vm.assertEq(s.head, C1, "head");
        vm.assertEq(s.version, 1, "version");
        vm.assertEq(s.roundOpen, false, "closed");
    }

    function test_evictAndCommit_reverts() public {
        address[] memory none = new address[](0);
        vm.expectRevert(_err(IViewCoordinator.UnknownView.selector, VIEW_ID));
        coordinator.evictAndCommit(VIEW_ID, none);
        _createView(SALT, 3, 1);
        vm.expectRevert(_err(IViewCoordinator.NoOpenRound.selector, VIEW_ID));
        coordinator.evictAndCommit(VIEW_ID, none);
        _propose(VIEW_ID, 0, C1);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.NotController.selector, VIEW_ID, _peer(0)));
        vm.prank(_peer(0));
        coordinator.evictAndCommit(VIEW_ID, none);
        uint40 deadline = uint40(block.timestamp + TTL);
        vm.startPrank(controller);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.RoundNotExpired.selector, VIEW_ID, 1, deadline));
        coordinator.evictAndCommit(VIEW_ID, none);
        vm.warp(uint256(deadline) + 1);

        address[] memory list = new address[](1);
        list[0] = _peer(9);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.NotPeer.selector, VIEW_ID, _peer(9)));
        coordinator.evictAndCommit(VIEW_ID, list);
        list[0] = _peer(0);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.PeerAcknowledged.selector, VIEW_ID, _peer(0)));
        coordinator.evictAndCommit(VIEW_ID, list);
        list[0] = _peer(1);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.AcksMissing.selector, VIEW_ID, 4));
        coordinator.evictAndCommit(VIEW_ID, list);
        address[] memory twice = new address[](2);
        (twice[0], twice[1]) = (_peer(1), _peer(1));
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.DuplicatePeer.selector, VIEW_ID, _peer(1)));
        coordinator.evictAndCommit(VIEW_ID, twice);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- reads

    function test_reads_revertUnknownView() public {
        vm.expectRevert(_err(IViewCoordinator.UnknownView.selector, VIEW_ID));
        coordinator.getView(VIEW_ID);
        vm.expectRevert(_err(IViewCoordinator.UnknownView.selector, VIEW_ID));
        coordinator.permissionsOf(VIEW_ID, _peer(0));
        vm.expectRevert(_err(IViewCoordinator.UnknownView.selector, VIEW_ID));
        coordinator.peersOf(VIEW_ID);
    }

    function test_ackDigest_matchesIndependentEip712() public view {
        bytes32 expected = _digest(block.chainid, address(coordinator), VIEW_ID, 3, 2, C1, 12345);
        vm.assertEq(coordinator.ackDigest(VIEW_ID, 3, 2, C1, 12345), expected, "digest");
    }

    function test_eip712Domain_isErc5267() public view {
        (bytes1 fields, string memory name, string memory version, uint256 chainId, address verifying, , ) = coordinator
            .eip712Domain();
        vm.assertEq(uint256(uint8(fields)), 0x0f, "fields");
        vm.assertEq(keccak256(bytes(name)), keccak256("lensync ViewCoordinator"), "name");
        vm.assertEq(keccak256(bytes(version)), keccak256("1"), "version");
        vm.assertEq(chainId, block.chainid, "chainId");
        vm.assertEq(verifying, address(coordinator), "verifyingContract");
    }

    function test_constants() public view {
        vm.assertEq(coordinator.READ(), 1, "READ");
        vm.assertEq(coordinator.WRITE(), 2, "WRITE");
        vm.assertEq(coordinator.MAX_PEERS(), 64, "MAX_PEERS");
        vm.assertEq(
            coordinator.ACK_TYPEHASH(),
            keccak256("Ack(bytes32 viewId,uint64 round,uint64 version,bytes32 commitment,uint40 deadline)"),
            "ACK_TYPEHASH"
        );
    }
}
