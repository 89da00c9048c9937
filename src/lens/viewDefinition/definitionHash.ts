/**
 * The hash of a view definition, recorded on chain when a view is created, and its check.
 *
 * @since 0.2.0
 */
import { type Hex, keccak256, stringToBytes } from 'viem'
import { canonicalize } from '../../coordinator/commitment/canonicalize.js'
import { ViewDefinitionError } from './errors.js'
import type { LensDefinition } from './lensDefinition.js'
import type { ViewDefinition } from './types.js'

/**
 * A definition peers exchange for a view: a SQL on FHIR ViewDefinition or a JSON lens definition.
 *
 * @category view definitions
 * @since 0.2.0
 */
export type Definition = ViewDefinition | LensDefinition

/**
 * The hash of a definition: `keccak256` of its RFC 8785 canonical JSON (UTF-8).
 *
 * **When to use** — when a view is created: the hash goes on chain (the `definitionHash` of
 * `createView` / `ViewCreated`), so every joiner can check with {@link verifyDefinition} that it
 * applies the lens the data subject agreed to.
 *
 * **Details** — key order and whitespace do not matter (canonical JSON); every other difference,
 * a description included, changes the hash. Not JSON data (a function, `NaN`) throws
 * `CanonicalizeError`.
 *
 * **Example**
 * ```ts
 * import { definitionHash } from 'lensync/views'
 * definitionHash({ pipe: [{ keyed: 'identifier' }] })
 * // Output: '0x…' (32 bytes)
 * ```
 *
 * @category view definitions
 * @since 0.2.0
 */
export function definitionHash(definition: Definition): Hex {
  return keccak256(stringToBytes(canonicalize(definition)))
}

/**
 * Checks that `definition` hashes to `hash` (the one recorded for the view); throws otherwise.
 *
 * **When to use** — before a joiner (or any peer) compiles the definition of a shared view it
 * received off chain.
 *
 * **Details** — throws `ViewDefinitionError` with code `DefinitionMismatch` naming both hashes;
 * returns the definition (typed) when it matches. The comparison ignores hex case.
 *
 * **Example**
 * ```ts
 * import { verifyDefinition } from 'lensync/views'
 * import type { Definition } from 'lensync/views'
 * declare const received: Definition
 * declare const onChain: `0x${string}`
 * const definition = verifyDefinition(received, onChain)
 * ```
 *
 * @category view definitions
 * @since 0.2.0
 */
export function verifyDefinition<D extends Definition>(definition: D, hash: Hex): D {
  const actual = definitionHash(definition)
  if (actual.toLowerCase() !== hash.toLowerCase())
    throw new ViewDefinitionError({
      code: 'DefinitionMismatch',
      pointer: '',
      message: 'the view definition does not hash to the hash recorded for the view; refuse it (it is not the definition the view was created with).',
      metaMessages: [`recorded: ${hash}`, `received: ${actual}`],
    })
  return definition
}
