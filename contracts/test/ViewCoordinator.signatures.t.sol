// SPDX-License-Identifier: MIT
// lensync v0.1.0 (contracts/test/ViewCoordinator.signatures.t.sol)

pragma solidity ^0.8.24;

import {IViewCoordinator} from "../IViewCoordinator.sol";
import {CoordinatorFixture} from "./utils/CoordinatorFixture.sol";
import {ERC1271WalletMock} from "./mocks/ERC1271WalletMock.sol";

/// @dev EIP-712 acknowledgements: every field of the signed message and domain is bound, low-s only, ERC-1271.
contract ViewCoordinatorSignaturesTest is CoordinatorFixture {
    uint64 internal round;
    uint64 internal version;
    uint40 internal deadline;

    function setUp() public override {
        super.setUp();
        _createView(SALT, 3, 1);
        round = _propose(VIEW_ID, 0, C1);
        IViewCoordinator.ViewState memory s = coordinator.getView(VIEW_ID);
        (version, deadline) = (s.version + 1, s.deadline);
    }

    /// @dev Relays `key`'s signature over `digest` as peer 1's and expects it to be rejected (entry 0), not recorded.
    function _expectRefused(uint256 key, bytes32 digest) internal {
        _expectRejected(_entry(1, _sign(key, digest)));
    }

    /// @dev Relays the single `entry` for peer 1 and expects it to be rejected without a revert.
    function _expectRejected(bytes memory entry) internal {
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.AckSignatureRejected(VIEW_ID, round, 0, _peer(1));
        coordinator.ackWithSignatures(VIEW_ID, round, C1, entry);
        vm.assertEq(coordinator.getView(VIEW_ID).ackMask, 1, "not recorded");
    }

    function test_validSignatureOverIndependentDigestIsAccepted() public {
        bytes32 digest = _digest(block.chainid, address(coordinator), VIEW_ID, round, version, C1, deadline);
        vm.assertEq(digest, _openDigest(VIEW_ID), "independent digest = contract digest");
        coordinator.ackWithSignatures(VIEW_ID, round, C1, _entry(1, _sign(_key(1), digest)));
        vm.assertEq(coordinator.getView(VIEW_ID).ackMask, 3, "recorded");
    }

    function testFuzz_refusesWrongChain(uint256 chainId) public {
        vm.assume(chainId != block.chainid);
        _expectRefused(_key(1), _digest(chainId, address(coordinator), VIEW_ID, round, version, C1, deadline));
    }

    function testFuzz_refusesWrongContract(address other) public {
        vm.assume(other != address(coordinator));
        _expectRefused(_key(1), _digest(block.chainid, other, VIEW_ID, round, version, C1, deadline));
    }

    function testFuzz_refusesWrongView(bytes32 viewId) public {
        vm.assume(viewId != VIEW_ID);
        _expectRefused(_key(1), _digest(block.chainid, address(coordinator), viewId, round, version, C1, deadline));
    }

    function testFuzz_refusesWrongRound(uint64 otherRound) public {
        vm.assume(otherRound != round);
        _expectRefused(_key(1), _digest(block.chainid, address(coordinator), VIEW_ID, otherRound, version, C1, deadline));
    }

    function testFuzz_refusesWrongVersion(uint64 otherVersion) public {
        vm.assume(otherVersion != version);
        _expectRefused(_key(1), _digest(block.chainid, address(coordinator), VIEW_ID, round, otherVersion, C1, deadline));
    }

    function testFuzz_refusesWrongCommitment(bytes32 commitment) public {
        vm.assume(commitment != C1);
        _expectRefused(
            _key(1),
            _digest(block.chainid, address(coordinator), VIEW_ID, round, version, commitment, deadline)
        );
    }

    function testFuzz_refusesWrongDeadline(uint40 otherDeadline) public {
        vm.assume(otherDeadline != deadline);
        _expectRefused(_key(1), _digest(block.chainid, address(coordinator), VIEW_ID, round, version, C1, otherDeadline));
    }

    /// @dev A signature over the previous round (same view, same commitment, its own deadline) is refused.
    function test_refusesSignatureOfExpiredRound() public {
        bytes memory old = _ackEntry(VIEW_ID, 1);
        vm.warp(uint256(deadline) + 1);
        vm.expectRevert(abi.encodeWithSelector(IViewCoordinator.RoundExpired.selector, VIEW_ID, round, deadline));
        coordinator.ackWithSignatures(VIEW_ID, round, C1, old);
        vm.prank(controller);
        coordinator.expireRound(VIEW_ID);
        round = _propose(VIEW_ID, 0, C1);
        _expectRejected(old);
    }

    function testFuzz_refusesNonMemberSigner(uint256 key) public {
        key = _bound(key, 1, SECP256K1_N - 1);
        vm.assume(key != _key(1));
        _expectRefused(key, _openDigest(VIEW_ID));
    }

    function test_refusesHighS() public {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(_key(1), _openDigest(VIEW_ID));
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        uint8 flippedV = v == 27 ? 28 : 27;
        // The malleated signature recovers the same key with plain ecrecover...
        vm.assertEq(ecrecover(_openDigest(VIEW_ID), flippedV, r, highS), _peer(1), "malleable");
        // ...but the coordinator only takes low-s signatures.
        _expectRejected(_entry(1, abi.encodePacked(r, highS, flippedV)));
    }

    function test_erc1271WalletPeer() public {
        uint256 ownerKey = 0xB0B;
        ERC1271WalletMock wallet = new ERC1271WalletMock(vm.addr(ownerKey));
        bytes32 salt = keccak256("wallet view");
        address[] memory peers = new address[](2);
        uint8[] memory perms = new uint8[](2);
        (peers[0], perms[0]) = (_peer(0), RW);
        (peers[1], perms[1]) = (address(wallet), READ);
        bytes32 viewId = _createViewRaw(salt, controller, peers, perms);
        uint64 r = _propose(viewId, 0, C1);
        bytes32 digest = _openDigest(viewId);

        // Signed by someone other than the wallet's owner: refused through ERC-1271.
        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.AckSignatureRejected(viewId, r, 0, address(wallet));
        coordinator.ackWithSignatures(viewId, r, C1, _entry(1, _sign(_key(5), digest)));

        vm.expectEmit(address(coordinator));
        emit IViewCoordinator.AcksRecorded(viewId, r, 2);
        coordinator.ackWithSignatures(viewId, r, C1, _entry(1, _sign(ownerKey, digest)));
        vm.assertEq(coordinator.getView(viewId).head, C1, "completed with the wallet's signature");

        // The wallet can also ack directly.
        r = _propose(viewId, 0, C2);
        vm.prank(vm.addr(ownerKey));
        wallet.execute(address(coordinator), abi.encodeCall(IViewCoordinator.ack, (viewId, r, C2)));
        vm.assertEq(coordinator.getView(viewId).head, C2, "completed with the wallet's direct ack");
    }
}
