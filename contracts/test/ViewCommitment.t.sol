// SPDX-License-Identifier: MIT
// lensync v0.1.0 (contracts/test/ViewCommitment.t.sol)

pragma solidity ^0.8.24;

import {TestBase} from "./utils/Vm.sol";

/**
 * @dev The view commitment computed the way a Solidity verifier would, against the vector pinned in
 * `test/coordinator/commitment.test.ts` (`commitment()` in `src/coordinator/commitment.ts`): both
 * sides must encode `(TAG, chainId, coordinator, viewId, version, salt, digest)` identically.
 */
contract ViewCommitmentTest is TestBase {
    bytes32 internal constant VIEW_COMMITMENT_TAG = keccak256("lensync.ViewCommitment.v2");

    function test_tagMatchesTheTypeScriptConstant() public pure {
        vm.assertEq(VIEW_COMMITMENT_TAG, 0xd5139f57168d3f3d2e6c3df7019ff7f05a1b749868cbce947a42e86947bf18f7, "viewCommitmentTag");
    }

    function test_commitmentMatchesThePinnedTypeScriptVector() public pure {
        bytes32 commitment = keccak256(
            abi.encode(
                VIEW_COMMITMENT_TAG,
                uint256(31337),
                address(0x5FbDB2315678afecb367f032d93F642f64180aa3),
                bytes32(0x1111111111111111111111111111111111111111111111111111111111111111),
                uint64(1),
                bytes32(0x2222222222222222222222222222222222222222222222222222222222222222),
                bytes32(0x3333333333333333333333333333333333333333333333333333333333333333)
            )
        );
        vm.assertEq(commitment, 0x3ecc4c76d248b50f5dd31f8807503e69f2efe566627cb307f54ee67c03f15b6e, "commitment(vector)");
    }
}
