/**
 * `createEventCursor` under `actions/` (where the engine imports it); the implementation lives in `../cursor.ts`.
 *
 * @since 0.1.0
 */
export { createEventCursor } from '../cursor.js'
export type {
  CreateEventCursorErrorType,
  CreateEventCursorParameters,
  CreateEventCursorReturnType,
  EventHandler,
  EventPoller,
} from '../cursor.js'
