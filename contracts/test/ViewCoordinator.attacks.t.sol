// SPDX-License-Identifier: MIT
// lensync v0.1.0 (contracts/test/ViewCoordinator.attacks.t.sol)

pragma solidity ^0.8.24;

import {IViewCoordinator} from "../IViewCoordinator.sol";
import {CoordinatorFixture} from "./utils/CoordinatorFixture.sol";
import {ERC1271GasBurnerMock} from "./mocks/ERC1271GasBurnerMock.sol";
import {ERC1271FlipperMock} from "./mocks/ERC1271FlipperMock.sol";

/**
 * @dev Each test plays one attacker against the coordinator and checks that the attack fails. The first line
 * of every test's comment states the attack.
 */
contract ViewCoordinatorAttacksTest is CoordinatorFixture {
    // ---------------------------------------------------------------- locking a view

    /// Attack: a writer proposes junk with a ttl of 2^32 - 1 seconds so the round stays open for a century.
    function test_writerCannotOpenARoundForDecades() public {
        _createView(SALT, 3, 2);
        vm.expectRevert(
            abi.encodeWithSelector(IViewCoordinator.InvalidTtl.selector, VIEW_ID, type(uint32).max, MAX_TTL)
        );
        vm.prank(_peer(1));
        coordinator.proposeUpdate(VIEW_ID, 0, C0, keccak256("junk"), type(uint32).max);

        // The longest round it can open blocks the view for at most maxTtl + grace without the controller.
        uint256 proposedAt = block.timestamp;
        vm.prank(_peer(1));
        coordinator.proposeUpdate(VIEW_ID, 0, C0, keccak256("junk"), MAX_TTL);
        vm.warp(proposedAt + MAX_TTL + GRACE + 1);
        vm.prank(address(0xBEEF)); // anyone
        coordinator.expireRound(VIEW_ID);
        vm.assertEq(coordinator.getView(VIEW_ID).roundOpen, false, "free after maxTtl + grace");
    }

    /// Attack: after the controller's cancelRound, the writer re-proposes in the same block, before the controller's removePeer lands, forever.
    function test_writerCannotOutraceItsRemoval() public {
        _createView(SALT, 3, 1); // the attacker, peer 0, is the only writer: it is never benched
        address attacker = _peer(0);
        _propose(VIEW_ID, 0, keccak256("junk 1"));
        vm.prank(controller);
        coordinator.cancelRound(VIEW_ID);
        uint64 round = _propose(VIEW_ID, 0, keccak256("junk 2")); // same block, ahead of the removal

        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.RoundAborted(VIEW_ID, round, IViewCoordinator.AbortReason.MembershipChanged, 6);
        vm.prank(controller);
        coordinator.removePeer(VIEW_ID, attacker); // lands although a round is open, and closes it
        IViewCoordinator.ViewState memory s = coordinator.getView(VIEW_ID);
        vm.assertEq(s.roundOpen, false, "no round open after the controller's transaction");
        vm.assertEq(coordinator.permissionsOf(VIEW_ID, attacker), 0, "attacker removed");
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.NotPeer.selector, VIEW_ID, attacker));
        vm.prank(attacker);
        coordinator.proposeUpdate(VIEW_ID, s.version, s.head, keccak256("junk 3"), TTL);

        // Still in the same block, an honest writer can propose.
        vm.prank(controller);
        coordinator.setPeer(VIEW_ID, _peer(1), RW);
        _propose(VIEW_ID, 1, C1);
        vm.assertEq(coordinator.getView(VIEW_ID).proposer, _peer(1), "the view is usable again");
    }

    /// Attack: a writer keeps the view busy by cancelling (or letting expire) its own junk round and re-proposing at once, so the other writer never gets a round.
    function test_writerCannotMonopolizeRounds() public {
        _createView(SALT, 3, 2);
        address attacker = _peer(0);
        _propose(VIEW_ID, 0, keccak256("junk 1"));
        vm.prank(attacker);
        coordinator.cancelRound(VIEW_ID);
        uint40 until = uint40(block.timestamp + GRACE);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.ProposerBenched.selector, VIEW_ID, attacker, until));
        vm.prank(attacker);
        coordinator.proposeUpdate(VIEW_ID, 0, C0, keccak256("junk 2"), TTL);
        _propose(VIEW_ID, 1, C1); // the honest writer gets the next round

        // The same after an expiry: whoever expires the attacker's round, the attacker cannot reopen at once.
        vm.prank(_peer(1));
        coordinator.cancelRound(VIEW_ID);
        vm.warp(until);
        _propose(VIEW_ID, 0, keccak256("junk 3"));
        vm.warp(block.timestamp + TTL + GRACE + 1);
        vm.prank(attacker);
        coordinator.expireRound(VIEW_ID);
        vm.expectRevert(
            abi.encodeWithSelector(
                IViewCoordinator.ProposerBenched.selector,
                VIEW_ID,
                attacker,
                uint40(block.timestamp + GRACE)
            )
        );
        vm.prank(attacker);
        coordinator.proposeUpdate(VIEW_ID, 0, C0, keccak256("junk 4"), TTL);
        _propose(VIEW_ID, 1, C1);
    }

    // ---------------------------------------------------------------- racing the controller

    /// Attack: a peer calls expireRound the second the deadline passes, erasing the acks the controller was about to keep with evictAndCommit.
    function test_nobodyExpiresTheRoundBeforeTheController() public {
        _createView(SALT, 4, 1);
        uint64 round = _propose(VIEW_ID, 0, C1);
        vm.prank(_peer(1));
        coordinator.ack(VIEW_ID, round, C1);
        vm.prank(_peer(2));
        coordinator.ack(VIEW_ID, round, C1);
        uint40 deadline = uint40(block.timestamp + TTL);
        vm.warp(uint256(deadline) + 1);

        vm.expectRevert(
            abi.encodeWithSelector(IViewCoordinator.ControllerGracePeriod.selector, VIEW_ID, round, deadline + GRACE)
        );
        vm.prank(_peer(3)); // the silent peer
        coordinator.expireRound(VIEW_ID);

        vm.warp(uint256(deadline) + GRACE); // the controller may take the whole grace window
        vm.prank(controller);
        coordinator.evictAndCommit(VIEW_ID, _one(_peer(3)));
        IViewCoordinator.ViewState memory s = coordinator.getView(VIEW_ID);
        vm.assertEq(s.head, C1, "the acknowledged version is kept");
        vm.assertEq(s.version, 1, "completed");
    }

    // ---------------------------------------------------------------- losing the controller

    /// Attack: the controller's key is about to be lost (or a mistyped address is given) and control cannot move to a new key, or moves to one nobody holds.
    function test_controlMovesOnlyToAnAccountThatAccepts() public {
        _createView(SALT, 2, 1);
        address newKey = address(0x7E57);
        address typo = address(0x7E56);
        vm.prank(controller);
        coordinator.transferControl(VIEW_ID, typo);
        vm.assertEq(coordinator.getView(VIEW_ID).controller, controller, "a typo takes nothing");
        vm.prank(controller);
        coordinator.transferControl(VIEW_ID, newKey); // overwrites the typo
        vm.prank(newKey);
        coordinator.acceptControl(VIEW_ID);
        // The old key is now lost: the view is still administered.
        vm.prank(newKey);
        coordinator.removePeer(VIEW_ID, _peer(1));
        vm.assertEq(coordinator.getView(VIEW_ID).controller, newKey, "control moved");
    }

    // ---------------------------------------------------------------- squatting a view id

    /// Attack: a front-runner copies a pending createView (same salt) with its own controller to take the view's id first.
    function test_frontRunnerCannotSquatTheViewId() public {
        address squatter = address(0xBAD);
        address patient = address(0xF00D);
        bytes32 salt = keccak256("random salt");
        vm.prank(squatter);
        bytes32 squatted = coordinator.createView(salt, C0, DEFINITION, squatter, _one(squatter), _one(RW), MAX_TTL, GRACE);

        vm.prank(patient);
        bytes32 viewId = coordinator.createView(salt, C0, DEFINITION, controller, _one(_peer(0)), _one(RW), MAX_TTL, GRACE);
        vm.assertEq(viewId, coordinator.viewIdOf(patient, salt), "the patient's id, computable in advance");
        vm.assertTrue(squatted != viewId, "the squatter got another id");
        vm.assertEq(coordinator.getView(viewId).controller, controller, "the patient's controller");
        vm.assertEq(coordinator.getView(squatted).controller, squatter, "the squatter only controls its own view");
    }

    // ---------------------------------------------------------------- griefing a relayer's batch

    /// Attack: a member's ERC-1271 wallet burns all the gas its `isValidSignature` is given, so a relayer's batch costs millions and reverts.
    function test_gasBurningWalletCannotSinkTheBatch() public {
        ERC1271GasBurnerMock burner = new ERC1271GasBurnerMock();
        _createViewWith(address(burner));
        _propose(VIEW_ID, 0, C1);
        bytes memory sigs = abi.encodePacked(_entry(2, new bytes(65)), _ackEntry(VIEW_ID, 1));

        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.AckSignatureRejected(VIEW_ID, 1, 0, address(burner));
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.AcksRecorded(VIEW_ID, 1, 2);
        uint256 before = gasleft();
        (bool ok, ) = address(coordinator).call{gas: 5_000_000}(
            abi.encodeCall(IViewCoordinator.ackWithSignatures, (VIEW_ID, 1, C1, sigs))
        );
        uint256 used = before - gasleft();
        vm.assertTrue(ok, "the batch succeeds");
        vm.assertEq(coordinator.getView(VIEW_ID).ackMask, 3, "the honest signer is recorded");
        // The wallet gets ERC1271_GAS_LIMIT (50k); the rest is the batch's own work.
        vm.assertLe(used, 120_000, "the burner costs at most its cap");
    }

    /// Attack: a wallet answers "valid" in the relayer's simulation and "invalid" on chain (storage toggled in between), reverting the batch.
    function test_walletFlippingItsAnswerLosesOnlyItsOwnAck() public {
        ERC1271FlipperMock flipper = new ERC1271FlipperMock();
        _createViewWith(address(flipper));
        _propose(VIEW_ID, 0, C1);
        bytes memory sigs = abi.encodePacked(_entry(2, hex"00"), _ackEntry(VIEW_ID, 1));
        flipper.flip(); // front-runs the relayer's transaction

        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.AckSignatureRejected(VIEW_ID, 1, 0, address(flipper));
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.AcksRecorded(VIEW_ID, 1, 2);
        coordinator.ackWithSignatures(VIEW_ID, 1, C1, sigs);
        vm.assertEq(coordinator.getView(VIEW_ID).ackMask, 3, "the honest signer is recorded");
    }

    /// Attack: a wallet accepts only when `tx.gasprice` is zero (an `eth_call` simulation) and refuses in the mined batch.
    function test_walletAnsweringByGasPriceLosesOnlyItsOwnAck() public {
        ERC1271FlipperMock flipper = new ERC1271FlipperMock();
        flipper.setAcceptOnlyAtZeroGasPrice(true);
        _createViewWith(address(flipper));
        _propose(VIEW_ID, 0, C1);
        bytes memory sigs = abi.encodePacked(_ackEntry(VIEW_ID, 1), _entry(2, hex"00"));

        vm.txGasPrice(1 gwei);
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.AckSignatureRejected(VIEW_ID, 1, 1, address(flipper));
        coordinator.ackWithSignatures(VIEW_ID, 1, C1, sigs);
        vm.assertEq(coordinator.getView(VIEW_ID).ackMask, 3, "the honest signer is recorded");

        // Simulated at gas price zero, the same wallet answers valid and completes the round.
        vm.txGasPrice(0);
        coordinator.ackWithSignatures(VIEW_ID, 1, C1, sigs);
        vm.assertEq(coordinator.getView(VIEW_ID).version, 1, "completed");
    }

    /// Attack: a relayer (or a wallet's gas-dependent answer) starves an ERC-1271 check so that a valid wallet signature is skipped.
    function test_starvedWalletCheckRevertsInsteadOfSkipping() public {
        ERC1271FlipperMock wallet = new ERC1271FlipperMock();
        _createViewWith(address(wallet));
        _propose(VIEW_ID, 0, C1);
        bytes memory data = abi.encodeCall(IViewCoordinator.ackWithSignatures, (VIEW_ID, 1, C1, _entry(2, hex"00")));
        (bool ok, bytes memory reason) = address(coordinator).call{gas: 45_000}(data);
        vm.assertTrue(!ok, "too little gas for a full check: the call fails");
        vm.assertEq(
            keccak256(reason),
            keccak256(abi.encodeWithSelector(IViewCoordinator.InsufficientGasForSignatureCheck.selector, VIEW_ID, 0)),
            "typed error"
        );
        vm.assertEq(coordinator.getView(VIEW_ID).ackMask, 1, "nothing recorded, nothing rejected");
        (ok, ) = address(coordinator).call{gas: 200_000}(data);
        vm.assertTrue(ok, "with enough gas the check runs in full");
        vm.assertEq(coordinator.getView(VIEW_ID).ackMask, 5, "the wallet's ack is recorded");
    }

    /// @dev Creates the view of `SALT` with peer 0 (READ|WRITE), peer 1 (READ) and `wallet` (READ) at index 2.
    function _createViewWith(address wallet) internal {
        address[] memory peers = new address[](3);
        uint8[] memory perms = new uint8[](3);
        (peers[0], perms[0]) = (_peer(0), RW);
        (peers[1], perms[1]) = (_peer(1), READ);
        (peers[2], perms[2]) = (wallet, READ);
        _createViewRaw(SALT, controller, peers, perms);
    }
}
