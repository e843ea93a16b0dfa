// Where the app's own files are, found from the built CLI's location (out/main/cli.js).

import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

export interface AppPaths {
  /** The app folder Electron is started on: the one holding package.json. */
  readonly root: string
  /** The built renderer the browser shell serves. */
  readonly rendererDir: string
  readonly version: string
}

/** The app's folders, given the directory of the running main-process bundle. */
export function appPaths(mainDir: string): AppPaths {
  const root = resolve(mainDir, '..', '..')
  return { root, rendererDir: join(root, 'out', 'renderer'), version: readVersion(root) }
}

function readVersion(root: string): string {
  try {
    const parsed = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown }
    return typeof parsed.version === 'string' ? parsed.version : '0.0.0'
  } catch {
    return '0.0.0'
  }
}
