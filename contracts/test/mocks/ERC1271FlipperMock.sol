// SPDX-License-Identifier: MIT
// lensync v0.1.0 (contracts/test/mocks/ERC1271FlipperMock.sol)

pragma solidity ^0.8.24;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";

/**
 * @dev A hostile ERC-1271 wallet whose answer depends on the context: it accepts any signature while
 * `accepting` is set (a storage toggle its owner can flip between a relayer's simulation and the mined
 * transaction) and, when `acceptOnlyAtZeroGasPrice` is set, only in calls priced at zero gas (as `eth_call`
 * simulations usually are), refusing the same signature in a real transaction.
 */
contract ERC1271FlipperMock is IERC1271 {
    bool public accepting = true;
    bool public acceptOnlyAtZeroGasPrice;

    /// @dev Flips `accepting`.
    function flip() external {
        accepting = !accepting;
    }

    /// @dev Sets `acceptOnlyAtZeroGasPrice`.
    function setAcceptOnlyAtZeroGasPrice(bool value) external {
        acceptOnlyAtZeroGasPrice = value;
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32, bytes memory) external view returns (bytes4) {
        bool valid = accepting && (!acceptOnlyAtZeroGasPrice || tx.gasprice == 0);
        return valid ? this.isValidSignature.selector : bytes4(0);
    }
}
