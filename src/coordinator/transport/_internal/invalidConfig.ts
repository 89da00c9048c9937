/**
 * The error of a transport factory called with bad settings.
 *
 * @internal
 */
import { TransportError } from '../errors.js'

/** A configuration error; the message names the factory and `pointer` the setting. */
export function invalidConfig(factory: string, pointer: string, message: string): TransportError {
  return new TransportError({ code: 'InvalidConfig', pointer, message: `${factory}: ${message}` })
}
