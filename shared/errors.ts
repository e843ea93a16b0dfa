// Errors cross the process boundary as plain `{ code, message }` objects, never as stack traces.

export const errorCodes = [
  'invalid_input',
  'unknown_channel',
  'forbidden',
  'not_found',
  'version_conflict',
  'no_store',
  'io_error',
  'unsupported',
  'internal',
  /** The request was abandoned because the user moved on (opened another aggregate or store). */
  'cancelled',
  /**
   * The event was appended and is durable in its stream, but index.json could not be replaced: do not
   * append it again (a retry with its event id is a no-op); run reindex.
   */
  'index_behind',
] as const

export type ErrorCode = (typeof errorCodes)[number]

export interface IpcErrorShape {
  readonly code: ErrorCode
  readonly message: string
}

export type IpcResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcErrorShape }

/** A `{ code, message }` that came back over the wire, rebuilt as an Error by the renderer's client. */
export class IpcError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'IpcError'
  }
}
