/**
 * The few FHIR REST interactions the FHIR store uses, over `fetch`, with bounded retries when the
 * server is unavailable and every failure as a {@link FhirServerError}.
 *
 * @internal
 */
import type { JsonValue } from '../../../json/JsonValue.js'
import { FhirServerError, type FhirServerErrorCode } from '../FhirServerError.js'

/** A FHIR resource as JSON. @internal */
export type Resource = { resourceType: string; id?: string; [key: string]: JsonValue | undefined }

/** A resource the server returned: it has an id and a `meta.versionId` (checked when received). @internal */
export type ServerResource = Resource & { id: string; meta: { [key: string]: JsonValue } }

/** The `meta.versionId` of a resource the server returned. @internal */
export function versionIdOf(resource: ServerResource): string {
  return resource.meta.versionId as string
}

/** @internal */
export interface ClientConfig {
  readonly baseUrl: string
  readonly fetch: typeof globalThis.fetch
  readonly headers: Readonly<Record<string, string>>
  readonly retries: number
  readonly retryDelayMs: number
}

/** The outcome of a conditional write. @internal */
export type WriteResult = { readonly ok: true; readonly resource: ServerResource } | { readonly ok: false; readonly error: FhirServerError }

const retried = new Set([429, 502, 503, 504])

function codeOf(status: number): FhirServerErrorCode {
  if (status === 412) return 'PreconditionFailed'
  if (status === 404 || status === 410) return 'NotFound'
  if (retried.has(status)) return 'Unavailable'
  return status >= 500 ? 'ServerError' : 'Rejected'
}

function isServerResource(value: unknown): value is ServerResource {
  return (
    typeof value === 'object' && value !== null && typeof (value as Resource).resourceType === 'string' && typeof (value as Resource).id === 'string' &&
    typeof ((value as Resource).meta as { versionId?: unknown } | undefined)?.versionId === 'string'
  )
}

/** @internal */
export function createClient(config: ClientConfig) {
  const base = config.baseUrl.replace(/\/+$/, '')

  async function send(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; pointer?: string } = {}) {
    const request = `${method} ${path}`
    let attempt = 0
    for (;;) {
      attempt++
      let response: Response
      try {
        response = await config.fetch(`${base}/${path}`, {
          method,
          headers: {
            accept: 'application/fhir+json',
            ...(options.body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
            ...config.headers,
            ...options.headers,
          },
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
        })
      } catch (cause) {
        if (attempt <= config.retries) {
          await delay(config.retryDelayMs * 2 ** (attempt - 1))
          continue
        }
        throw new FhirServerError({ code: 'Unavailable', request, status: 0, pointer: options.pointer, attempts: attempt, cause })
      }
      const text = await response.text()
      let body: unknown
      try {
        body = text.length === 0 ? undefined : JSON.parse(text)
      } catch (cause) {
        throw new FhirServerError({ code: 'InvalidResponse', request, status: response.status, pointer: options.pointer, attempts: attempt, cause })
      }
      if (response.ok) return { status: response.status, body, attempts: attempt }
      if (retried.has(response.status) && attempt <= config.retries) {
        await delay(config.retryDelayMs * 2 ** (attempt - 1))
        continue
      }
      const outcome = typeof body === 'object' && body !== null && (body as Resource).resourceType === 'OperationOutcome' ? (body as JsonValue) : undefined
      throw new FhirServerError({ code: codeOf(response.status), request, status: response.status, outcome, pointer: options.pointer, attempts: attempt })
    }
  }

  function expectResource(body: unknown, request: string, status: number, pointer?: string): ServerResource {
    if (!isServerResource(body)) throw new FhirServerError({ code: 'InvalidResponse', request, status, pointer })
    return body
  }

  return {
    /** `GET Type/id`; `undefined` on 404/410. */
    async read(type: string, id: string): Promise<ServerResource | undefined> {
      try {
        const { status, body } = await send('GET', `${type}/${encodeURIComponent(id)}`)
        return expectResource(body, `GET ${type}/${id}`, status)
      } catch (error) {
        if (error instanceof FhirServerError && error.code === 'NotFound') return undefined
        throw error
      }
    },

    /** `GET Type?query`, every page followed; the matched resources. */
    async search(type: string, query: Record<string, string>): Promise<ServerResource[]> {
      const params = new URLSearchParams({ _count: '1000', ...query })
      const { status, body } = await send('GET', `${type}?${params}`)
      const bundle = body as { entry?: { resource?: unknown; search?: { mode?: string } }[] } | undefined
      return (bundle?.entry ?? [])
        .filter((e) => e.search?.mode !== 'include' && e.search?.mode !== 'outcome')
        .map((e) => expectResource(e.resource, `GET ${type}`, status))
    },

    /** `GET Type/id/_history/vid`; `undefined` on 404/410. */
    async vread(type: string, id: string, versionId: string): Promise<ServerResource | undefined> {
      try {
        const { status, body } = await send('GET', `${type}/${encodeURIComponent(id)}/_history/${encodeURIComponent(versionId)}`)
        return expectResource(body, `GET ${type}/${id}/_history/${versionId}`, status)
      } catch (error) {
        if (error instanceof FhirServerError && error.code === 'NotFound') return undefined
        throw error
      }
    },

    /** `GET Type/id/_history`, newest first. */
    async history(type: string, id: string): Promise<ServerResource[]> {
      const { status, body } = await send('GET', `${type}/${encodeURIComponent(id)}/_history`)
      const bundle = body as { entry?: { resource?: unknown }[] } | undefined
      return (bundle?.entry ?? []).filter((e) => e.resource !== undefined).map((e) => expectResource(e.resource, `GET ${type}/${id}/_history`, status))
    },

    /**
     * Writes `resource`: `PUT` with `If-Match: W/"<base>"` when `base` is a version, else a
     * conditional create (`POST` with `If-None-Exist: _id=<id>`; a 200 means it already existed).
     */
    async write(resource: Resource & { id: string }, base: string | null, pointer: string): Promise<WriteResult> {
      const path = `${resource.resourceType}/${encodeURIComponent(resource.id)}`
      try {
        if (base !== null) {
          const { status, body } = await send('PUT', path, { body: resource, headers: { 'if-match': `W/"${base}"` }, pointer })
          return { ok: true, resource: expectResource(body, `PUT ${path}`, status, pointer) }
        }
        const { status, body } = await send('POST', resource.resourceType, {
          body: resource,
          headers: { 'if-none-exist': `_id=${resource.id}` },
          pointer,
        })
        const created = expectResource(body, `POST ${resource.resourceType}`, status, pointer)
        if (status === 201) return { ok: true, resource: created }
        return { ok: false, error: new FhirServerError({ code: 'PreconditionFailed', request: `POST ${resource.resourceType} (If-None-Exist: _id=${resource.id})`, status, pointer }) }
      } catch (error) {
        if (error instanceof FhirServerError && (error.code === 'PreconditionFailed' || error.code === 'NotFound')) return { ok: false, error }
        throw error
      }
    },

    /** `DELETE Type/id`; a resource already gone is not an error. */
    async remove(type: string, id: string, pointer: string): Promise<void> {
      try {
        await send('DELETE', `${type}/${encodeURIComponent(id)}`, { pointer })
      } catch (error) {
        if (error instanceof FhirServerError && error.code === 'NotFound') return
        throw error
      }
    },
  }
}

/** @internal */
export type FhirClient = ReturnType<typeof createClient>

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
