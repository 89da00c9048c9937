/**
 * A JSON value: what records, views, patches and storage hold.
 *
 * **Details**
 * - Numbers are JavaScript `number`s as parsed: `1.50` and `1.5` are the same value. Every peer
 *   hashes the parsed value through the same canonical form, so commitments agree.
 * - No `undefined`, `NaN`, `±Infinity`, `bigint`, class instances or cycles.
 *
 * @category models
 * @since 0.1.0
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }
