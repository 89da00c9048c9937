/**
 * Every scenario file, in table order. Each exports `scenarios`; the runner and the child processes
 * load a file only when they need one of its scenarios.
 */
export const scenarioFiles = [
  'getPath',
  'getByKey',
  'putShallow',
  'putDeep',
  'keyedPut',
  'modifyAll',
  'bundleKeyedPut',
  'redactRoundTrip',
  'validation',
  'commitment',
  'round',
  'translation',
  'laws',
] as const

export type ScenarioFile = (typeof scenarioFiles)[number]
