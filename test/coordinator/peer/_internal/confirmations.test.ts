import { describe, expect, test } from 'vitest'
import { defaultConfirmations, SAFE_CONFIRMATIONS } from '../../../../src/coordinator/peer/_internal/confirmations.js'

describe('defaultConfirmations', () => {
  test('default: live chains wait for safe confirmations against reorgs', () => {
    for (const chainId of [1, 10, 137, 8453, 11155111]) expect(defaultConfirmations(chainId)).toBe(SAFE_CONFIRMATIONS)
    expect(SAFE_CONFIRMATIONS).toBeGreaterThanOrEqual(2)
  })
  test('behavior: local development chains (31337, 1337) act at once', () => {
    expect(defaultConfirmations(31337)).toBe(0)
    expect(defaultConfirmations(1337)).toBe(0)
  })
})
