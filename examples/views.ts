/**
 * # The doctor's and the researcher's views of a patient record
 *
 * Two lenses over the patient's full record (a FHIR R4 Bundle), built only from lensync's combinators:
 * - {@link clinicalView} — what the treating doctor sees and may edit;
 * - {@link researchView} — what a researcher sees: de-identified, read only.
 *
 * Both are lawful lenses: `get` reads the view, `put` writes an edited view back into the record and
 * restores everything the view hides (contact details, names, identifiers, the exact birth date,
 * medications…) from the record. lensync translates a patch on a view into a patch on the record
 * (`translate`) and a patch on the record into a patch on a view (`project`): that is how one edit
 * reaches every peer.
 *
 * Run it to print both views of a synthetic record: `npx tsx examples/views.ts`.
 *
 * @since 0.1.0
 */
import { pathToFileURL } from 'node:url'
import { fhir, id, type Lens, omit, pipe, redact, under, keyed } from 'lensync/lens'
import type { AnyResource, Bundle, BundleEntry, Condition, Observation, Patient } from 'lensync/lens'
import { syntheticRecord } from './syntheticRecord.js'

/** Resource types the clinical view shows. */
export const clinicalTypes: ReadonlySet<string> = new Set(['Patient', 'Condition', 'Observation', 'MedicationRequest', 'AllergyIntolerance'])

/** Resource types the research view shows. */
export const researchTypes: ReadonlySet<string> = new Set(['Patient', 'Condition', 'Observation'])

/** The Patient as the doctor sees it: demographics without contact details. */
const _clinicalPatient = pipe(id<Patient>(), omit(['telecom', 'address', 'contact']))

/** The Patient as the researcher sees it: gender and birth year only (plus the REDACTED label). */
const _deidentifiedPatient = pipe(
  id<Patient>(),
  omit(['name', 'identifier', 'telecom', 'address', 'contact', 'text']),
  redact<string>('birthDate', { mask: (date) => date.slice(0, 4) }),
)

/** A Condition for research: no free text, no patient name in the subject reference. */
const _researchCondition = pipe(id<Condition>(), omit(['text', 'note']), redact(['subject', 'display'], 'remove'))

/** An Observation for research: no free text, no performer, no patient name in the subject reference. */
const _researchObservation = pipe(id<Observation>(), omit(['text', 'note', 'performer']), redact(['subject', 'display'], 'remove'))

/**
 * The doctor's clinical view of a patient record: every clinical entry (Patient, Conditions,
 * Observations, MedicationRequests, AllergyIntolerances), aligned by resource (`fhir.entryKey`), and
 * the Patient without contact details (telecom, address, contact).
 *
 * **When to use**
 * - Shared with the treating doctor with READ|WRITE permission: the doctor adds Observations,
 *   changes doses, corrects allergies, and the edits reach the patient's record through `put`.
 *
 * **Laws** (checked on generated Bundles in `test/examples/views.test.ts`)
 * 1. GetPut — `put(s, get(s))` is `s` itself: always.
 * 2. PutGet — `get(put(s, v))` equals `v`: always, for views whose entries have distinct keys.
 * 3. PutPut — holds for views that keep the shown entries' keys; entries the view drops are deleted.
 * 4. CreateGet — `get(create(v))` equals `v`: always.
 *
 * **Details**
 * - Entries of other types (e.g. a Practitioner, an Encounter) are hidden and keep their place on `put`.
 * - A new entry in the view (a new Observation) becomes a new entry of the record, after the last
 *   shown one. An entry removed from the view is removed from the record.
 * - The doctor cannot see or change the patient's phone or address: `put` restores them.
 *
 * **Example**
 * ```ts
 * import { clinicalView } from './views.js'
 * import { syntheticRecord } from './syntheticRecord.js'
 * const view = clinicalView.get(syntheticRecord())
 * view.entry?.[0]?.resource
 * // Output: { resourceType: 'Patient', id: 'pat-1', identifier: [...], name: [...], gender: 'female', birthDate: '…' }
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const clinicalView: Lens<Bundle, Bundle> = pipe(
  id<Bundle>(),
  under(
    'entry',
    pipe(
      id<BundleEntry[]>(),
      keyed(fhir.entryKey, pipe(id<BundleEntry>(), under('resource', pipe(id<AnyResource>(), fhir.byType({ Patient: _clinicalPatient })))), {
        where: (e) => clinicalTypes.has(e.resource?.resourceType ?? ''),
        emptyAsAbsent: true,
      }),
    ),
  ),
)

/**
 * The researcher's de-identified view of a patient record: the Patient reduced to gender and birth
 * year, the Conditions and Observations without free text, performers or the patient's name; no
 * medications, no allergies, no names, identifiers, telecom or address.
 *
 * **When to use**
 * - Shared with a researcher with READ permission only: the contract refuses any proposal from the
 *   researcher, and the view follows every change of the record that it can see.
 *
 * **Laws** (GetPut checked on generated Bundles in `test/examples/views.test.ts`)
 * 1. GetPut — `put(s, get(s))` is `s` itself: always.
 * 2. PutGet — `get(put(s, v))` equals `v` for views in range (the birth year and the REDACTED label
 *    unchanged: a masked value cannot be edited; any other change is `HiddenFieldEdited`).
 * 3. PutPut — holds for views that keep the shown entries' keys.
 * 4. CreateGet — does not hold: a full birth date cannot be invented from a year.
 *
 * **Details**
 * - The masked Patient carries the FHIR security label `REDACTED` in `meta.security`, so a consumer
 *   knows the birth date is reduced on purpose.
 * - Resource ids and `urn:uuid:` fullUrls stay, so the researcher's copy can follow later changes;
 *   they must be opaque (no MRN as resource id) for the view to be de-identified.
 *
 * **Example**
 * ```ts
 * import { researchView } from './views.js'
 * import { syntheticRecord } from './syntheticRecord.js'
 * researchView.get(syntheticRecord()).entry?.map((e) => e.resource?.resourceType)
 * // Output: ['Patient', 'Condition', 'Condition', 'Observation', 'Observation', 'Observation']
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const researchView: Lens<Bundle, Bundle> = pipe(
  id<Bundle>(),
  under(
    'entry',
    pipe(
      id<BundleEntry[]>(),
      keyed(
        fhir.entryKey,
        pipe(
          id<BundleEntry>(),
          under(
            'resource',
            pipe(id<AnyResource>(), fhir.byType({ Patient: _deidentifiedPatient, Condition: _researchCondition, Observation: _researchObservation })),
          ),
        ),
        { where: (e) => researchTypes.has(e.resource?.resourceType ?? ''), emptyAsAbsent: true },
      ),
    ),
  ),
)

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const record = syntheticRecord({ seed: 7, typo: true })
  console.log('— clinical view (doctor) —')
  console.log(JSON.stringify(clinicalView.get(record), null, 2))
  console.log('— research view (researcher) —')
  console.log(JSON.stringify(researchView.get(record), null, 2))
}
