// SPDX-License-Identifier: MIT
// lensync v0.1.0 (contracts/test/utils/Vm.sol)

pragma solidity ^0.8.24;

/**
 * @dev The few forge cheatcodes the lensync tests use, declared by hand: the npm `forge-std` is an old
 * unofficial copy that needs `ds-test`. Signatures match forge 1.x's `Vm` exactly; the
 * cheatcode contract lives at `address(uint160(uint256(keccak256("hevm cheat code"))))`.
 */
interface Vm {
    /// @dev One log recorded after {recordLogs}.
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function warp(uint256 newTimestamp) external;
    function chainId(uint256 newChainId) external;
    function txGasPrice(uint256 newGasPrice) external;
    function roll(uint256 newHeight) external;
    function prank(address msgSender) external;
    function startPrank(address msgSender) external;
    function stopPrank() external;
    function expectRevert(bytes calldata revertData) external;
    function expectEmit(address emitter) external;
    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory logs);
    function addr(uint256 privateKey) external pure returns (address keyAddr);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
    function assume(bool condition) external pure;
    function cool(address target) external;
    function assertTrue(bool condition, string calldata message) external pure;
    function assertEq(uint256 left, uint256 right, string calldata message) external pure;
    function assertEq(bytes32 left, bytes32 right, string calldata message) external pure;
    function assertEq(address left, address right, string calldata message) external pure;
    function assertEq(bool left, bool right, string calldata message) external pure;
    function assertLe(uint256 left, uint256 right, string calldata message) external pure;
}

/// @dev Base of every test contract: the cheatcode handle, `bound` and forge's log events.
abstract contract TestBase {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @dev forge prints these DSTest-style events with `-vv`.
    event log_named_uint(string key, uint256 val);
    event log_string(string val);

    /// @dev Maps `x` into `[min, max]` (inclusive) without discarding fuzz inputs.
    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        return min + (x % (max - min + 1));
    }
}
