// The contract's dispatcher over a session, with browser-shell services that remember nothing: what
// the shells build, minus the parts (dialogs, config files) a test does not need.

import { createHandlers } from '../../electron/core/api/handlers'
import type { ShellServices } from '../../electron/core/api/shell-services'
import { createRouter, type Dispatch } from '../../electron/core/api/router'
import type { ExplorerSession } from '../../electron/core/session/explorer-session'
import type { RequestChannel } from '../../shared/channels'
import { contract, type ChannelInput, type ChannelOutput } from '../../shared/contract'
import type { IpcResult } from '../../shared/errors'

/** A dispatcher for `session`; `services` overrides the defaults. */
export function testDispatch(session: ExplorerSession, services: Partial<ShellServices> = {}): Dispatch {
  return createRouter(
    createHandlers(session, {
      shell: 'browser',
      version: '0',
      initialDir: null,
      recentDirs: () => [],
      rememberDir: () => {},
      pickDirectory: null,
      // Tests open their own temp directories by path; the shells' own limits are tested on their own.
      typedPathRefusal: async () => null,
      ...services,
    }),
  )
}

/** A channel's answer as the page gets it (parsed by the contract), or its error: one call each. */
export interface DispatchCalls {
  /** The answer; throws naming the channel and the error when it fails. */
  call<C extends RequestChannel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>
  /** The error; throws when the channel answers instead. */
  failure(channel: RequestChannel, input: unknown): Promise<{ code: string; message: string }>
}

/** `call` and `failure` over a dispatcher, as the page calls it. */
export function dispatchCalls(dispatch: Dispatch): DispatchCalls {
  return {
    async call<C extends RequestChannel>(channel: C, input: ChannelInput<C>) {
      const result: IpcResult<unknown> = await dispatch(channel, input)
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`)
      return contract[channel].output.parse(result.value) as ChannelOutput<C>
    },
    async failure(channel: RequestChannel, input: unknown) {
      const result = await dispatch(channel, input)
      if (result.ok) throw new Error(`${channel} answered instead of failing`)
      return result.error
    },
  }
}
