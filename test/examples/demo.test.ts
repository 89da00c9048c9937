/**
 * `npm run demo` end to end: the demo runs as a child process (embedded anvil, three peers with their
 * own PGlite databases) and must exit 0 with every peer consistent.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url))

function run(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const { LENSYNC_RPC_URL: _url, LENSYNC_PRIVATE_KEYS: _keys, ...env } = process.env
    const child = spawn(tsx, ['examples/demo.ts', ...args], { cwd: root, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('examples/demo.ts (integration)', () => {
  test('default: the whole narrative runs on an embedded anvil and every peer ends consistent', async () => {
    const { code, stdout, stderr } = await run([])
    expect(stderr.replace(/npm warn.*\n/g, '')).toBe('')
    expect(stdout).toMatch(/RESULT: all peers consistent — every check passed/)
    expect(code).toBe(0)
    expect(stdout).not.toContain('✗')
    // the eight steps, in order
    const steps = [...stdout.matchAll(/━━ Step (\d)\./g)].map((m) => Number(m[1]))
    expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    // each view a peer holds, checked against lens.get of the patient's record
    expect(stdout.match(/✓ (patient|doctor) +(clinical|research) .*: consistent/g)).toHaveLength(3)
    expect(stdout).toMatch(/✓ researcher research v1 .*: revoked/)
    // the typed refusal, the expiry and the audit table
    expect(stdout).toContain('code=MissingPermission source=local')
    expect(stdout).toContain('sent straight to the contract → MissingPermissionError (MissingPermission)')
    // the revocation, seen by the researcher's own peer
    expect(stdout).toMatch(/\[researcher\] revoked +research/)
    expect(stdout).toMatch(/✓ the researcher can no longer edit the view \(PeerError NotMember, local\)/)
    expect(stdout).toMatch(/clinical round 4 \(for version 4\): .*ABORTED \(expired\)/)
    expect(stdout).toMatch(/│ Round +│ 4 +│ 4 +│ patient +│ patient +│ aborted \(expired\)/)
  }, 240_000)

  test('error: malformed private keys are refused before anything starts (exit 1)', async () => {
    const { code, stdout, stderr } = await run(['--rpc-url', 'http://127.0.0.1:1', '--private-keys', '0x12,0x34,0x56'])
    expect(code).toBe(1)
    expect(stdout + stderr).toContain('--private-keys: key 1 is not 32 bytes of hex.')
  }, 30_000)
})
