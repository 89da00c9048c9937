/**
 * Reading the encryption key binding out of a peer's transport info.
 *
 * @internal
 */
import type { EncryptionKeyBinding } from '../encryptionKey.js'
import { decodeAddress, decodeBytes32, parseJson } from './wire.js'

/** The `encryptionKey` of a transport info JSON text; `InvalidPayload` when it is malformed. */
export function decodeKeyBinding(text: string): EncryptionKeyBinding {
  const info = parseJson(text) as { encryptionKey?: Record<string, unknown> } | null
  const binding = info?.encryptionKey ?? {}
  const signature = binding.signature
  return {
    account: decodeAddress(binding.account, '/encryptionKey/account'),
    publicKey: decodeBytes32(binding.publicKey, '/encryptionKey/publicKey'),
    signature: typeof signature === 'string' && /^0x[0-9a-fA-F]{130}$/.test(signature) ? (signature as `0x${string}`) : '0x',
  }
}
