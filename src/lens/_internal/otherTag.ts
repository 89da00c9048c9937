/**
 * The `default` branch of a switch over every {@link LensTag}.
 *
 * @internal
 */
import type { LensTag } from '../Lens.js'

/**
 * `tag` is `never` once the switch has a case for every tag, so a new node kind does not compile
 * until each switch decides about it. At run time a lens from outside lensync (a foreign `_tag`, from
 * JavaScript or a cast) gets `otherwise`: the answer that is safe for any lens.
 *
 * @internal
 */
export function otherTag<T>(tag: never, otherwise: T): T {
  void (tag satisfies LensTag)
  return otherwise
}
