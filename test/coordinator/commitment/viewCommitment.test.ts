import { createHash } from 'node:crypto'
import * as fc from 'fast-check'
import { bytesToHex, encodeAbiParameters, keccak256 } from 'viem'
import { describe, expect, test } from 'vitest'
import { CanonicalizeError, commitment, CommitmentError, generateSalt, newViewId, viewCommitment, viewCommitmentAbiParameters, viewCommitmentTag, viewDigest } from 'lensync/coordinator'

const scope = { chainId: 31337, coordinator: '0x5FbDB2315678afecb367f032d93F642f64180aa3', viewId: `0x${'11'.repeat(32)}`, version: 1n, salt: `0x${'22'.repeat(32)}` } as const

describe('viewCommitment', () => {
  test('default: sha256 of the canonical view, then keccak256 of the seven ABI words (computed here without the library)', () => {
    const view = { resourceType: 'Patient', gender: 'female' }
    const digest = `0x${createHash('sha256').update('{"gender":"female","resourceType":"Patient"}').digest('hex')}` as const
    const words = [viewCommitmentTag, BigInt(scope.chainId), scope.coordinator, scope.viewId, scope.version, scope.salt, digest] as const
    expect(viewCommitment({ ...scope, view })).toEqual({ digest, commitment: keccak256(encodeAbiParameters(viewCommitmentAbiParameters, words)) })
  })

  test('behavior: is viewDigest then commitment, for any JSON view, version and salt', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 3 }),
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (view, version, bytes) => {
          const parameters = { ...scope, view, version, salt: bytesToHex(bytes) }
          const digest = viewDigest(view)
          expect(viewCommitment(parameters)).toEqual({ digest, commitment: commitment({ ...parameters, digest }) })
        },
      ),
    )
  })

  test('behavior: equal views agree whatever their key order and server-managed fields; another view, version or salt does not', () => {
    const base = { ...scope, viewId: newViewId(), salt: generateSalt() }
    const proposed = viewCommitment({ ...base, view: { resourceType: 'Patient', gender: 'female' } })
    expect(viewCommitment({ ...base, view: { gender: 'female', resourceType: 'Patient', meta: { versionId: '9' } } })).toEqual(proposed)
    expect(viewCommitment({ ...base, view: { resourceType: 'Patient', gender: 'male' } }).commitment).not.toBe(proposed.commitment)
    expect(viewCommitment({ ...base, version: 2n, view: { resourceType: 'Patient', gender: 'female' } })).toMatchObject({ digest: proposed.digest })
    expect(viewCommitment({ ...base, version: 2n, view: { resourceType: 'Patient', gender: 'female' } }).commitment).not.toBe(proposed.commitment)
    expect(viewCommitment({ ...base, salt: generateSalt(), view: { resourceType: 'Patient', gender: 'female' } }).commitment).not.toBe(proposed.commitment)
  })

  test('error: a view that is not JSON data is CanonicalizeError; a bad parameter is CommitmentError', () => {
    expect(() => viewCommitment({ ...scope, view: { value: Number.NaN } })).toThrow(CanonicalizeError)
    expect(() => viewCommitment({ ...scope, salt: '0x22', view: {} })).toThrow(CommitmentError)
  })
})
