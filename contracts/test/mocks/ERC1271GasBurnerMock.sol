// SPDX-License-Identifier: MIT
// lensync v0.1.0 (contracts/test/mocks/ERC1271GasBurnerMock.sol)

pragma solidity ^0.8.24;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";

/// @dev A hostile ERC-1271 wallet: {isValidSignature} loops until its gas runs out, then fails.
contract ERC1271GasBurnerMock is IERC1271 {
    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes memory) external view returns (bytes4) {
        uint256 x = uint256(hash);
        while (gasleft() > 0) x = uint256(keccak256(abi.encode(x)));
        return bytes4(uint32(x));
    }
}
