/**
 * A resource's narrative `text` as `fhir4` types it: `status` and `div` required.
 *
 * @internal
 */
/// <reference types="fhir" preserve="true" />
import type { Narrative } from '../../../lens/fhir/types.js'
import { type Holeless, present } from './narrow.js'

/** Checks that the narrative has its `status` and `div` and returns it typed `fhir4.Narrative`. @internal */
export function narrative(api: string, text: Holeless<Narrative>): fhir4.Narrative {
  return { ...text, status: present(api, text.status, 'text/status'), div: present(api, text.div, 'text/div') }
}
