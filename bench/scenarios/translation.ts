/**
 * Patch translation: an RFC 6902 patch on a view becomes a patch on the source, through a
 * five-combinator lens (omit → redact(mask) → rename → under(identifier, keyed) → under(telecom,
 * map(pick))). Patches: 1 op, 10 ops, and a whole-document replace of the view.
 *
 * Implementations:
 * - hand-written: path rewriting written for this one lens (`/sex` → `/gender`, view identifier
 *   index → source index); the whole-document replace becomes one root replace of the new source;
 * - lensync: `translate(lens, source, patch)`;
 * - fast-json-patch: the state-based way without lensync — apply the patch to the view, put the view
 *   back with hand-written code, `compare(source, newSource)`.
 *
 * Results are verified by the source they produce (each patch applied to the source with
 * fast-json-patch), not by their exact operations; the table reports each patch's size.
 */
import fjp, { type Operation } from 'fast-json-patch'
import { type Patch, fhir, id, keyed, map, omit, pick, pipe, redact, redactedLabel, rename, translate, under } from 'lensync/lens'
import type { Coding, ContactPoint, Identifier, Patient } from 'lensync/lens'
import { OTHER_SYSTEMS, PATIENT_SEED, makePatient } from '../data/index.js'
import { type Scenario, defineScenario } from '../_internal/scenario.js'

const SSN = OTHER_SYSTEMS[0]
const year = (date: string): string => date.slice(0, 4)
const notSsn = (i: Identifier): boolean => i.system !== SSN
const isLabel = (c: Coding): boolean => c.system === redactedLabel.system && c.code === redactedLabel.code

const _view = pipe(
  id<Patient>(),
  omit(['contact', 'communication']),
  redact<string>('birthDate', { mask: year }),
  rename('gender', 'sex'),
  under('identifier', pipe(id<Identifier[]>(), keyed(fhir.identifierKey, id<Identifier>(), { where: notSsn, emptyAsAbsent: true }))),
  under('telecom', pipe(id<ContactPoint[]>(), map(pipe(id<ContactPoint>(), pick(['system', 'value', 'use']))))),
)
type Json = Record<string, unknown>

/** Hand-written get of the view. */
function handGet(p: Patient): Json {
  const { contact: _c, communication: _m, gender, birthDate, identifier, telecom, ...rest } = p
  const view: Json = { ...rest, sex: gender, birthDate: year(birthDate!), meta: { ...p.meta, security: [...(p.meta?.security ?? []), redactedLabel] } }
  view.identifier = identifier!.filter(notSsn)
  view.telecom = telecom!.map(({ system, value, use }) => ({ system, value, use }))
  return view
}

/** Hand-written put of the view (keyed identifiers: SSN kept in place; telecom by position). */
function handPut(p: Patient, v: Json): Patient {
  const { sex, identifier, telecom, meta, ...rest } = v as Json & { identifier: Identifier[]; telecom: ContactPoint[]; meta: Patient['meta'] }
  const hidden = p.identifier!.filter((i) => !notSsn(i))
  const ssnAt = p.identifier!.findIndex((i) => !notSsn(i))
  const ids = identifier.slice()
  ids.splice(ssnAt, 0, ...hidden)
  const security = meta!.security!.filter((c) => !isLabel(c))
  const m = { ...meta }
  if (security.length === 0) delete m.security
  else m.security = security
  return {
    ...(rest as unknown as Patient),
    meta: m,
    gender: sex as Patient['gender'],
    birthDate: p.birthDate,
    identifier: ids,
    telecom: telecom.map((t, i) => ({ ...p.telecom![i], ...t })),
    contact: p.contact,
    communication: p.communication,
  }
}

const ONE: Patch = [{ op: 'replace', path: '/sex', value: 'other' }]
const TEN: Patch = [
  { op: 'replace', path: '/sex', value: 'other' },
  { op: 'replace', path: '/identifier/1/value', value: 'A1B2C3D4E5' },
  { op: 'add', path: '/identifier/-', value: { system: 'urn:example:badge', value: 'B-17' } },
  { op: 'replace', path: '/telecom/0/value', value: '+1-555-010-0000' },
  { op: 'replace', path: '/telecom/2/use', value: 'work' },
  { op: 'replace', path: '/name/0/family', value: 'Okafor-Lindqvist' },
  { op: 'add', path: '/name/0/given/-', value: 'Mae' },
  { op: 'replace', path: '/active', value: false },
  { op: 'replace', path: '/address/0/city', value: 'Riverton' },
  { op: 'remove', path: '/maritalStatus' },
]

/** Hand-written translation for this lens: rewrite each pointer. */
function handTranslate(p: Patient, patch: Patch): Patch {
  if (patch.length === 1 && patch[0]!.op === 'replace' && patch[0]!.path === '')
    return [{ op: 'replace', path: '', value: handPut(p, patch[0]!.value as Json) }]
  const shown: number[] = []
  p.identifier!.forEach((i, at) => notSsn(i) && shown.push(at))
  return patch.map((op) => {
    const parts = op.path.split('/')
    if (parts[1] === 'sex') parts[1] = 'gender'
    else if (parts[1] === 'identifier' && parts[2] !== undefined && parts[2] !== '-') parts[2] = String(shown[Number(parts[2])])
    return { ...op, path: parts.join('/') } as Patch[number]
  })
}

function translationScenario(name: string, patchOf: (p: Patient) => Patch, ops: number): Scenario {
  const source = (): Patient => makePatient(PATIENT_SEED)
  return defineScenario({
    id: `translate-${name}`,
    title: `patch translation through a five-combinator lens: ${name === 'whole' ? 'whole-document replace' : `${ops}-op patch`}`,
    opsPerRun: ops,
    verify: (result) => fjp.applyPatch(source(), fjp.deepClone(result) as Operation[], false, false).newDocument,
    report: (result) => ({ 'translated ops': (result as Patch).length, 'translated bytes': JSON.stringify(result).length }),
    implementations: {
      'hand-written': () => {
        const p = source()
        const patch = patchOf(p)
        return { run: () => handTranslate(p, patch) }
      },
      lensync: () => {
        const p = source()
        const patch = patchOf(p)
        return { run: () => translate(_view, p, patch) }
      },
      'fast-json-patch': () => {
        const p = source()
        const patch = patchOf(p) as Operation[]
        return {
          run: () => {
            const view = fjp.applyPatch(handGet(p), patch, false, false).newDocument
            return fjp.compare(p, handPut(p, view))
          },
        }
      },
    },
  })
}

const editedView = (p: Patient): Json => fjp.applyPatch(handGet(p), fjp.deepClone(TEN) as Operation[], false, false).newDocument

export const scenarios = [
  translationScenario('1-op', () => ONE, 1),
  translationScenario('10-op', () => TEN, 10),
  translationScenario('whole', (p) => [{ op: 'replace', path: '', value: editedView(p) }], 1),
]
