// Reads the store directory the app was launched with (`eventscope open DIR`, `electron . DIR`).

import { resolve } from 'node:path'

/**
 * The first non-flag argument after the app path that is an existing directory, or null.
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
    const dir = resolve(cwd, arg)
    if (isDirectory(dir)) return dir
  }
  return null
}
