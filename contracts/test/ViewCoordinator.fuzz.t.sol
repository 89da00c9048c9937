// SPDX-License-Identifier: MIT
// lensync v0.1.0 (contracts/test/ViewCoordinator.fuzz.t.sol)

pragma solidity ^0.8.24;

import {IViewCoordinator} from "../IViewCoordinator.sol";
import {CoordinatorFixture} from "./utils/CoordinatorFixture.sol";

/// @dev Rounds of 1..64 peers acknowledged in random orders, mixing direct acks and signature batches.
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
}
