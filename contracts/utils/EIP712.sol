// SPDX-License-Identifier: MIT
// lensync v0.1.0 (contracts/utils/EIP712.sol)

pragma solidity ^0.8.24;

import {ShortStrings, ShortString} from "@openzeppelin/contracts/utils/ShortStrings.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";

/**
 * @title EIP712
 * @dev The EIP-712 domain separator ({_domainSeparatorV4}) and the final hashing step ({_hashTypedDataV4}), with
 * the same API, digests and ERC-5267 answer as OpenZeppelin's `utils/cryptography/EIP712.sol`.
 *
 * It exists so that the coordinator compiles for the `paris` EVM: OpenZeppelin's version imports
 * `MessageHashUtils`, which imports `Strings` and `Bytes`, and `Bytes` uses the Cancun `MCOPY` instruction in
 * inline assembly, which solc refuses for earlier targets. This copy hashes the `\x19\x01` prefix itself and
 * needs only `ShortStrings`, which compiles for any target.
 *
 * The domain is `EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)`. The
 * separator is cached for the deploying chain and address and rebuilt when either differs (a chain fork, a
 * delegate call).
 *
 * IMPORTANT: `name` and `version` must each fit in a `ShortString` (at most 31 bytes); the constructor reverts
 * with `ShortStrings.StringTooLong` otherwise.
 */
abstract contract EIP712 is IERC5267 {
    using ShortStrings for *;

    bytes32 private constant _TYPE_HASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    bytes32 private immutable _cachedDomainSeparator;
    uint256 private immutable _cachedChainId;
    address private immutable _cachedThis;
    bytes32 private immutable _hashedName;
    bytes32 private immutable _hashedVersion;
    ShortString private immutable _name;
    ShortString private immutable _version;

    /// @dev Sets the domain's `name` (the protocol) and `version` (its major signing version), both at most 31 bytes.
    constructor(string memory name, string memory version) {
        _name = name.toShortString();
        _version = version.toShortString();
        _hashedName = keccak256(bytes(name));
        _hashedVersion = keccak256(bytes(version));
        _cachedChainId = block.chainid;
        _cachedDomainSeparator = _buildDomainSeparator();
        _cachedThis = address(this);
    }

    /// @inheritdoc IERC5267
    function eip712Domain()
        public
        view
        virtual
        returns (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        )
    {
        // 0x0f: name, version, chainId and verifyingContract are set; salt and extensions are not.
        return (hex"0f", _name.toString(), _version.toString(), block.chainid, address(this), bytes32(0), new uint256[](0));
    }

    /// @dev Returns the domain separator for the current chain and address.
    function _domainSeparatorV4() internal view returns (bytes32) {
        if (address(this) == _cachedThis && block.chainid == _cachedChainId) return _cachedDomainSeparator;
        return _buildDomainSeparator();
    }

    /**
     * @dev Returns the digest to sign for the already hashed struct `structHash` in this domain:
     * `keccak256("\x19\x01" ‖ domainSeparator ‖ structHash)`.
     */
    function _hashTypedDataV4(bytes32 structHash) internal view returns (bytes32 digest) {
        bytes32 domainSeparator = _domainSeparatorV4();
        assembly ("memory-safe") {
            // The 66 bytes are written past the free memory pointer, which is left unchanged (scratch use).
            let ptr := mload(0x40)
            mstore(ptr, hex"19_01")
            mstore(add(ptr, 0x02), domainSeparator)
            mstore(add(ptr, 0x22), structHash)
            digest := keccak256(ptr, 0x42)
        }
    }

    /// @dev Hashes the domain for the current chain and address.
    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(_TYPE_HASH, _hashedName, _hashedVersion, block.chainid, address(this)));
    }
}
