// One dispatcher for every shell: validates the channel name and its input against the contract, runs
// the handler, and turns any failure into a `{ code, message }` that is safe to show.

import { isRequestChannel } from '../../../shared/channels'
import { contract, type Handlers } from '../../../shared/contract'
import type { ErrorCode, IpcResult } from '../../../shared/errors'
import { errorShape, StoreError } from '../errors'
import { inputBoundsRefusal } from './input-bounds'

export type Dispatch = (channel: unknown, input: unknown) => Promise<IpcResult<unknown>>

/** Build the dispatcher that binds every contract channel to its handler. */
export function createRouter(handlers: Handlers, log: (error: unknown) => void = () => {}): Dispatch {
  const route = routeOne(handlers, log)
  // Whatever one request does (a schema that throws, a getter that loops into a RangeError), it ends as
  // this request's answer, never as an exception that reaches the shell and ends the host.
  return async (channel, input) => {
    try {
      return await route(channel, input)
    } catch (error) {
      log(error)
      return failure('internal', 'The request failed unexpectedly.')
    }
  }
}

function routeOne(handlers: Handlers, log: (error: unknown) => void): Dispatch {
  return async (channel, input) => {
    if (!isRequestChannel(channel)) {
      return failure('unknown_channel', `Unknown channel ${describe(channel)}.`)
    }
    const tooBig = inputBoundsRefusal(input)
    if (tooBig !== null) return failure('invalid_input', `${channel}: invalid input: ${tooBig}.`)
    const parsed = contract[channel].input.safeParse(input ?? {})
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''
      return failure('invalid_input', `${channel}: invalid input${where}: ${issue?.message ?? 'rejected'}.`)
    }
    try {
      // The handler map is indexed by the same channel, so its input type matches what was parsed.
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>
      return { ok: true, value: await handler(parsed.data) }
    } catch (error) {
      // The one place a core error becomes the wire's `{ code, message }`; anything else is a bug.
      if (error instanceof StoreError) return { ok: false, error: errorShape(error) }
      log(error)
      return failure('internal', `${channel} failed unexpectedly.`)
    }
  }
}

function failure(code: ErrorCode, message: string): IpcResult<never> {
  return { ok: false, error: { code, message } }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)
  return `of type ${value === null ? 'null' : typeof value}`
}
