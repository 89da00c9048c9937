/**
 * This peer's X25519 key pair and its signed binding, and the cache of other peers' checked keys.
 *
 * @internal
 */
import { bytesToHex, hexToBytes, type Address, type Hex, type LocalAccount } from 'viem'
import { TransportError } from '../errors.js'
import { verifyEncryptionKeyBinding, type EncryptionKeyBinding } from '../encryptionKey.js'
import { transportDomain, transportTypes } from '../typedData.js'
import { deriveHpkeKeyPair, type HpkeKeyPair } from './hpke.js'
import { invalidConfig } from './invalidConfig.js'

/** This peer's key pair and the binding it publishes. */
export interface PeerKey {
  readonly pair: HpkeKeyPair
  readonly binding: EncryptionKeyBinding
}

/**
 * Derives this peer's key: from `seed` (32 bytes) when given, else from the account's signature of
 * `EncryptionKeySeed(account)` — a signature never published, the same on every restart for an
 * account that signs deterministically (RFC 6979, as viem's local accounts do). An account whose two
 * signatures differ cannot keep a key across restarts: `InvalidConfig`, give a seed.
 */
export async function createPeerKey(
  factory: string,
  domain: { readonly chainId: number; readonly coordinator: Address },
  account: LocalAccount,
  seed: Hex | undefined,
): Promise<PeerKey> {
  let ikm: Uint8Array
  if (seed !== undefined) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(seed)) throw invalidConfig(factory, '/encryptionKey', 'encryptionKey must be 32 bytes as 0x-prefixed hex (keep it secret and stable).')
    ikm = hexToBytes(seed)
  } else {
    const sign = () =>
      account.signTypedData({ domain: transportDomain(domain), types: transportTypes, primaryType: 'EncryptionKeySeed', message: { account: account.address } })
    const [first, second] = await Promise.all([sign(), sign()])
    if (first !== second)
      throw invalidConfig(factory, '/encryptionKey', 'the account does not sign deterministically, so no stable key can be derived from it; pass encryptionKey (32 secret bytes).')
    ikm = hexToBytes(first)
  }
  const pair = await deriveHpkeKeyPair(ikm)
  const publicKey = bytesToHex(pair.publicKey)
  const signature = await account.signTypedData({
    domain: transportDomain(domain),
    types: transportTypes,
    primaryType: 'EncryptionKey',
    message: { account: account.address, publicKey },
  })
  return { pair, binding: { account: account.address, publicKey, signature } }
}

/** Resolves another peer's published binding (unchecked). */
export type KeyLookup = (address: Address) => Promise<EncryptionKeyBinding | undefined>

/** Checked keys of other peers, cached for `ttl` ms. */
export interface KeyBook {
  /** The public key of `address`; `KeyUnavailable` when it cannot be found or its binding is not `address`'s. */
  publicKeyOf(address: Address): Promise<Uint8Array>
}

/** A {@link KeyBook} over `lookup`. */
export function createKeyBook(domain: { readonly chainId: number; readonly coordinator: Address }, lookup: KeyLookup, now: () => number, ttl = 600_000): KeyBook {
  const cache = new Map<string, { readonly key: Uint8Array; readonly at: number }>()
  return {
    async publicKeyOf(address) {
      const id = address.toLowerCase()
      const hit = cache.get(id)
      if (hit !== undefined && now() - hit.at < ttl) return hit.key
      const unavailable = (message: string, cause?: unknown) => new TransportError({ code: 'KeyUnavailable', peer: address, message, cause })
      let binding: EncryptionKeyBinding | undefined
      try {
        binding = await lookup(address)
      } catch (cause) {
        throw unavailable("cannot read the member's encryption key from its transport info; the member must be reachable (directory) once before it can be sent payloads.", cause)
      }
      if (binding === undefined) throw unavailable('the member publishes no encryption key (not reachable through the directory or hub).')
      if (!(await verifyEncryptionKeyBinding({ ...domain, binding, account: address })))
        throw unavailable("the member's published encryption key is not signed by its account (a substituted key?); nothing is sealed to it.")
      const key = hexToBytes(binding.publicKey)
      cache.set(id, { key, at: now() })
      return key
    },
  }
}
