/**
 * Notes (`Annotation`s) as `fhir4` types them: `text` required.
 *
 * @internal
 */
/// <reference types="fhir" preserve="true" />
import type { Annotation } from '../../../lens/fhir/types.js'
import { type Holeless, present } from './narrow.js'

/** Checks that every note has its `text` and returns the notes typed `fhir4.Annotation[]`. @internal */
export function annotations(api: string, notes: readonly Holeless<Annotation>[]): fhir4.Annotation[] {
  return notes.map((note, i) => ({ ...note, text: present(api, note.text, `note/${i}/text`) }))
}
