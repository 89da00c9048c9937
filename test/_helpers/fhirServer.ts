/** The FHIR server of the tests is the one `examples/ehr/` runs (Medplum's router over node:http). */
export { startFhirServer, type FhirTestServer } from '../../examples/ehr/fhirServer.js'
