// The core's own error: a request it cannot carry out, named for what went wrong and not for the
// transport that may carry it. The router (api/router.ts) maps it to the wire's `{ code, message }`;
// the CLI maps it to a one-line message and an exit code.

import type { ErrorCode, IpcErrorShape } from '../../shared/errors'

/** A failure about the store or the request, whose message is safe to show to the user as it is. */
export class StoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'StoreError'
  }
}

/** The wire form of a StoreError: its code and message, never its stack. */
export function errorShape(error: StoreError): IpcErrorShape {
  return { code: error.code, message: error.message }
}
