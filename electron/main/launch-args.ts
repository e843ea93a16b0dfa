// Reads the store the app was launched with (`eventscope open DIR`, `electron . DIR`, or a database
// address: `eventscope open postgres://…`).

import { resolve } from 'node:path'
import { isDatabaseAddress } from '../../shared/store-address'

/**
 * The first non-flag argument after the app path that is a database address or an existing
 * directory, or null.
 *
 * `argv` is `process.argv`: the executable, then (when run as `electron .`, i.e. `defaultApp`) the app
 * path, then the user's arguments. Chromium switches (`--no-sandbox`) are skipped as flags.
 */
export function initialDirFromArgv(
  argv: readonly string[],
  defaultApp: boolean,
  isDirectory: (path: string) => boolean,
  cwd: string = process.cwd(),
): string | null {
  for (const arg of argv.slice(defaultApp ? 2 : 1)) {
    if (arg.startsWith('-')) continue
    // `eventscope open postgres://…` passes the address without its password (PGPASSWORD has it).
    if (isDatabaseAddress(arg)) return arg
    const dir = resolve(cwd, arg)
    if (isDirectory(dir)) return dir
  }
  return null
}
