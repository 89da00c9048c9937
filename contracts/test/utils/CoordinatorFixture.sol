// SPDX-License-Identifier: MIT
// lensync v0.1.0 (contracts/test/utils/CoordinatorFixture.sol)

pragma solidity ^0.8.24;

import {ViewCoordinator} from "../../ViewCoordinator.sol";
import {IViewCoordinator} from "../../IViewCoordinator.sol";
import {TestBase} from "./Vm.sol";

/// @dev A deployed coordinator, deterministic peer keys and helpers to create views, propose and sign acks.
abstract contract CoordinatorFixture is TestBase {
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant SALT = keccak256("lensync test view");
    bytes32 internal constant DEFINITION = keccak256("lensync test view definition");
    bytes32 internal constant C0 = keccak256("commitment 0");
    bytes32 internal constant C1 = keccak256("commitment 1");
    bytes32 internal constant C2 = keccak256("commitment 2");
    uint32 internal constant TTL = 1 hours;
    uint32 internal constant MAX_TTL = 1 days;
    uint32 internal constant GRACE = 1 hours;
    uint8 internal constant READ = 1;
    uint8 internal constant WRITE = 2;
    uint8 internal constant RW = 3;

    ViewCoordinator internal coordinator;
    address internal controller = address(0xC0471201);
    /// @dev The id of the view this contract creates with `SALT`.
    bytes32 internal immutable VIEW_ID;

    constructor() {
        VIEW_ID = keccak256(abi.encode(address(this), SALT));
    }

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        coordinator = new ViewCoordinator();
    }

    /// @dev Private key of peer `i` (distinct, non-zero, below the curve order).
    function _key(uint256 i) internal pure returns (uint256) {
        return 0xA11CE000 + i;
    }

    function _peer(uint256 i) internal pure returns (address) {
        return vm.addr(_key(i));
    }

    /**
     * @dev Creates the view of `salt` (created by this contract) with `n` peers at head C0: peers
     * `0 .. writers - 1` are READ|WRITE, the rest READ.
     */
    function _createView(bytes32 salt, uint256 n, uint256 writers) internal returns (bytes32 viewId) {
        address[] memory peers = new address[](n);
        uint8[] memory permissions = new uint8[](n);
        for (uint256 i = 0; i < n; ++i) {
            peers[i] = _peer(i);
            permissions[i] = i < writers ? RW : READ;
        }
        viewId = _createViewRaw(salt, controller, peers, permissions);
    }

    /**
     * @dev Calls {IViewCoordinator-createView} with `salt`, head C0, `DEFINITION` and limits `MAX_TTL` / `GRACE`
     * (a single call, so `vm.expectRevert` applies to it).
     */
    function _createViewRaw(
        bytes32 salt,
        address controller_,
        address[] memory peers,
        uint8[] memory permissions
    ) internal returns (bytes32) {
        return coordinator.createView(salt, C0, DEFINITION, controller_, peers, permissions, MAX_TTL, GRACE);
    }

    /// @dev Peer `index` proposes `commitment` on top of the current head.
    function _propose(bytes32 viewId, uint256 index, bytes32 commitment) internal returns (uint64 round) {
        IViewCoordinator.ViewState memory state = coordinator.getView(viewId);
        vm.prank(_peer(index));
        round = coordinator.proposeUpdate(viewId, state.version, state.head, commitment, TTL);
    }

    /// @dev Digest of the open round of `viewId`, from the contract.
    function _openDigest(bytes32 viewId) internal view returns (bytes32) {
        IViewCoordinator.ViewState memory s = coordinator.getView(viewId);
        return coordinator.ackDigest(viewId, s.round, s.version + 1, s.pending, s.deadline);
    }

    /// @dev EIP-712 digest computed independently of the contract, for any domain.
    function _digest(
        uint256 chainId,
        address verifyingContract,
        bytes32 viewId,
        uint64 round,
        uint64 version,
        bytes32 commitment,
        uint40 deadline
    ) internal pure returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(
                DOMAIN_TYPEHASH,
                keccak256("lensync ViewCoordinator"),
                keccak256("1"),
                chainId,
                verifyingContract
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Ack(bytes32 viewId,uint64 round,uint64 version,bytes32 commitment,uint40 deadline)"),
                viewId,
                round,
                version,
                commitment,
                deadline
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    /// @dev 65-byte `r | s | v` signature of `digest` by `key`.
    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev One packed entry of {IViewCoordinator-ackWithSignatures}.
    function _entry(uint256 index, bytes memory signature) internal pure returns (bytes memory) {
        return abi.encodePacked(uint8(index), uint16(signature.length), signature);
    }

    /// @dev Entry of peer `i` signing the open round of `viewId`.
    function _ackEntry(bytes32 viewId, uint256 i) internal view returns (bytes memory) {
        return _entry(i, _sign(_key(i), _openDigest(viewId)));
    }

    function _one(address account) internal pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = account;
    }

    function _one(uint8 permissions) internal pure returns (uint8[] memory list) {
        list = new uint8[](1);
        list[0] = permissions;
    }

    function _fullMask(uint256 n) internal pure returns (uint64) {
        return uint64((uint256(1) << n) - 1);
    }

    function _err(bytes4 selector, bytes32 viewId) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(selector, viewId);
    }

    /// @dev Asserts that `afterwards` equals `before` except for the round counter, which is `round`.
    function _assertRestored(
        IViewCoordinator.ViewState memory before,
        IViewCoordinator.ViewState memory afterwards,
        uint64 round
    ) internal pure {
        before.round = round;
        vm.assertEq(keccak256(abi.encode(afterwards)), keccak256(abi.encode(before)), "state restored except round");
    }
}
