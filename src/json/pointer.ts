/**
 * RFC 6901 JSON Pointers.
 *
 * @internal
 */

/** Encodes one reference token (`~` → `~0`, `/` → `~1`). */
export function escapeToken(token: string | number): string {
  const s = String(token)
  return s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s
}

/** Joins reference tokens into a pointer: `['a', 0]` → `/a/0`; `[]` → `''`. */
export function toPointer(tokens: readonly (string | number)[]): string {
  let out = ''
  for (const t of tokens) out += '/' + escapeToken(t)
  return out
}

/** Splits a pointer into unescaped tokens; returns `undefined` when it is not a valid pointer. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return []
  if (pointer[0] !== '/') return undefined
  const tokens = pointer.slice(1).split('/')
  if (!pointer.includes('~')) return tokens
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (/~[^01]|~$/.test(t)) return undefined
    tokens[i] = t.replace(/~1/g, '/').replace(/~0/g, '~')
  }
  return tokens
}
