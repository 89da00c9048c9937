// SPDX-License-Identifier: MIT
// lensync v0.1.0 (contracts/test/ViewCoordinator.fuzz.t.sol)

pragma solidity ^0.8.24;

import {IViewCoordinator} from "../IViewCoordinator.sol";
import {CoordinatorFixture} from "./utils/CoordinatorFixture.sol";

/**
 * @dev Rounds of 1..64 peers acknowledged in random orders, mixing direct acks and signature batches; the round
 * limits, the grace window and the bench at random times; signature batches with random bad entries.
 */
contract ViewCoordinatorFuzzTest is CoordinatorFixture {
    function testFuzz_randomAckOrdersComplete(uint256 peerSeed, uint256 seed) public {
        uint256 n = _bound(peerSeed, 1, 64);
        _createView(SALT, n, n);
        uint256 proposer = _bound(seed, 0, n - 1);
        uint64 round = _propose(VIEW_ID, proposer, C1);
        if (n == 1) {
            vm.assertEq(coordinator.getView(VIEW_ID).version, 1, "a lone proposer completes at once");
            return;
        }

        // Random permutation of the peer indexes (Fisher-Yates).
        uint256[] memory order = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) order[i] = i;
        for (uint256 i = n - 1; i > 0; --i) {
            uint256 j = uint256(keccak256(abi.encode(seed, "perm", i))) % (i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        uint64 expected = uint64(1) << uint64(proposer);
        uint64 full = _fullMask(n);
        uint256 next = 0;
        for (uint256 step = 0; expected != full; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, "step", step)));
            vm.assertEq(coordinator.getView(VIEW_ID).version, 0, "no completion before the full mask");
            if (r % 2 == 0) {
                // A direct ack, sometimes by a peer that already acked (idempotent).
                uint256 who = (r >> 8) % 4 == 0 && next > 0 ? order[(r >> 16) % next] : order[next++ % n];
                vm.prank(_peer(who));
                coordinator.ack(VIEW_ID, round, C1);
                expected |= uint64(1) << uint64(who);
            } else {
                // A batch of 1..8 new signers plus, sometimes, one already recorded.
                uint256 k = 1 + ((r >> 8) % 8);
                bytes memory sigs;
                if ((r >> 24) % 3 == 0) sigs = _ackEntry(VIEW_ID, proposer);
                for (uint256 i = 0; i < k && next < n; ++i) {
                    uint256 who = order[next++];
                    sigs = abi.encodePacked(sigs, _ackEntry(VIEW_ID, who));
                    expected |= uint64(1) << uint64(who);
                }
                coordinator.ackWithSignatures(VIEW_ID, round, C1, sigs);
            }
            IViewCoordinator.ViewState memory s = coordinator.getView(VIEW_ID);
            if (expected != full) vm.assertEq(s.ackMask, expected, "mask tracks acks");
        }
        IViewCoordinator.ViewState memory done = coordinator.getView(VIEW_ID);
        vm.assertEq(done.version, 1, "completed once");
        vm.assertEq(done.head, C1, "head");
        vm.assertEq(done.roundOpen, false, "closed");
    }

    function testFuzz_ttlIsBoundedByMaxTtl(uint32 maxTtl, uint32 ttl) public {
        maxTtl = uint32(_bound(maxTtl, 1, 30 days));
        address[] memory peers = new address[](2);
        uint8[] memory perms = new uint8[](2);
        (peers[0], perms[0], peers[1], perms[1]) = (_peer(0), RW, _peer(1), READ);
        coordinator.createView(SALT, C0, DEFINITION, controller, peers, perms, maxTtl, GRACE);
        vm.prank(_peer(0));
        if (ttl == 0 || ttl > maxTtl) {
            vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.InvalidTtl.selector, VIEW_ID, ttl, maxTtl));
            coordinator.proposeUpdate(VIEW_ID, 0, C0, C1, ttl);
        } else {
            coordinator.proposeUpdate(VIEW_ID, 0, C0, C1, ttl);
            vm.assertEq(coordinator.getView(VIEW_ID).deadline, block.timestamp + ttl, "deadline");
        }
    }

    function testFuzz_onlyTheControllerExpiresDuringGrace(uint32 grace, uint256 elapsed, bool byController) public {
        _createView(SALT, 3, 1);
        grace = uint32(_bound(grace, 0, 30 days));
        vm.prank(controller);
        coordinator.setRoundLimits(VIEW_ID, MAX_TTL, grace);
        _propose(VIEW_ID, 0, C1);
        uint256 deadline = block.timestamp + TTL;
        vm.warp(block.timestamp + _bound(elapsed, 0, TTL + 2 * uint256(grace) + 2));
        bool allowed = block.timestamp > deadline + (byController ? 0 : grace);
        vm.prank(byController ? controller : address(0xBEEF));
        (bool ok, ) = address(coordinator).call(abi.encodeCall(IViewCoordinator.expireRound, (VIEW_ID)));
        vm.assertEq(ok, allowed, "expire allowed exactly after deadline (+ grace for others)");
    }

    function testFuzz_benchLastsGrace(uint32 grace, uint256 wait, bool expire) public {
        _createView(SALT, 3, 2);
        grace = uint32(_bound(grace, 0, 30 days));
        vm.prank(controller);
        coordinator.setRoundLimits(VIEW_ID, MAX_TTL, grace);
        _propose(VIEW_ID, 0, C1);
        if (expire) vm.warp(block.timestamp + TTL + 1);
        vm.prank(controller);
        if (expire) coordinator.expireRound(VIEW_ID);
        else coordinator.cancelRound(VIEW_ID);
        uint256 closedAt = block.timestamp;
        vm.warp(closedAt + _bound(wait, 0, 2 * uint256(grace) + 1));
        vm.prank(_peer(0));
        (bool ok, ) = address(coordinator).call(abi.encodeCall(IViewCoordinator.proposeUpdate, (VIEW_ID, 0, C0, C1, TTL)));
        vm.assertEq(ok, block.timestamp >= closedAt + grace, "benched for exactly grace seconds");
    }

    /// @dev Random batches of good, forged, misaddressed, truncated and wallet entries never revert.
    function testFuzz_badEntriesAreSkipped(uint256 n, uint256 goodMask, uint256 badMask, uint8 tail) public {
        n = _bound(n, 2, 16);
        _createView(SALT, n, 1);
        uint64 round = _propose(VIEW_ID, 0, C1);
        bytes32 digest = _openDigest(VIEW_ID);
        bytes memory sigs;
        uint64 expected = 1;
        for (uint256 i = 1; i < n; ++i) {
            if ((goodMask >> i) & 1 == 1) {
                sigs = abi.encodePacked(sigs, _entry(i, _sign(_key(i), digest)));
                expected |= uint64(1) << uint64(i);
            }
            if ((badMask >> i) & 1 == 1) sigs = abi.encodePacked(sigs, _entry(i, _sign(_key(i + 100), digest)));
        }
        if (tail % 3 == 1) sigs = abi.encodePacked(sigs, _entry(n + (tail % 7), _sign(_key(0), digest)));
        if (tail % 3 == 2) sigs = abi.encodePacked(sigs, uint8(1), uint16(65), bytes2(0x1234));
        coordinator.ackWithSignatures(VIEW_ID, round, C1, sigs);
        IViewCoordinator.ViewState memory s = coordinator.getView(VIEW_ID);
        if (expected == _fullMask(n)) vm.assertEq(s.version, 1, "completed");
        else vm.assertEq(s.ackMask, expected, "exactly the good entries");
    }
}
