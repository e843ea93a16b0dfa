// The contract's dispatcher over a session, with browser-shell services that remember nothing: what
// the shells build, minus the parts (dialogs, config files) a test does not need.

import { createHandlers } from '../../electron/core/api/handlers'
import type { ShellServices } from '../../electron/core/api/shell-services'
import { createRouter, type Dispatch } from '../../electron/core/api/router'
import type { ExplorerSession } from '../../electron/core/session/explorer-session'

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
