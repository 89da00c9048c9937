/**
 * A JSON Schema for the benchmark Patient view: resource type, id, gender code, dates, and the shape of
 * identifiers, names, telecoms and addresses (what a real profile checks, without formats).
 */
const string = { type: 'string' } as const
const strings = { type: 'array', items: string } as const
const period = { type: 'object', properties: { start: string, end: string }, additionalProperties: false } as const
const coding = { type: 'object', properties: { system: string, code: string, display: string }, additionalProperties: false } as const
const codeable = { type: 'object', properties: { coding: { type: 'array', items: coding }, text: string } } as const

export const patientSchema = {
  type: 'object',
  required: ['resourceType'],
  properties: {
    resourceType: { const: 'Patient' },
    id: { type: 'string', pattern: '^[A-Za-z0-9\\-.]{1,64}$' },
    active: { type: 'boolean' },
    gender: { enum: ['male', 'female', 'other', 'unknown'] },
    birthDate: { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' },
    identifier: {
      type: 'array',
      items: { type: 'object', required: ['system', 'value'], properties: { use: string, type: codeable, system: string, value: string, period } },
    },
    name: {
      type: 'array',
      items: { type: 'object', properties: { use: string, family: string, given: strings, prefix: strings, period }, additionalProperties: false },
    },
    telecom: {
      type: 'array',
      items: {
        type: 'object',
        required: ['system', 'value'],
        properties: { system: { enum: ['phone', 'fax', 'email', 'pager', 'url', 'sms', 'other'] }, value: string, use: string, rank: { type: 'integer', minimum: 1 } },
      },
    },
    address: {
      type: 'array',
      items: { type: 'object', properties: { use: string, type: string, line: strings, city: string, state: string, postalCode: string, country: string, period } },
    },
    maritalStatus: codeable,
  },
} as const
