// Finding the Electron executable without `require('electron')`.
//
// That module's index.js downloads the runtime when its binary is missing: a CLI that only wanted to
// know whether Electron is there must not start a download. So read its path.txt the same way.

import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface RuntimeProbe {
  readonly exists: (path: string) => boolean
  readonly read: (path: string) => string
  readonly env: NodeJS.ProcessEnv
}

const realProbe: RuntimeProbe = {
  exists: existsSync,
  read: (path) => readFileSync(path, 'utf8'),
  env: process.env,
}

/** The Electron executable installed under `appRoot`, or null when its binary is absent. */
export function findElectronBinary(appRoot: string, probe: RuntimeProbe = realProbe): string | null {
  const pkg = join(appRoot, 'node_modules', 'electron')
  const pathFile = join(pkg, 'path.txt')
  if (!probe.exists(pathFile)) return null
  const relative = probe.read(pathFile).trim()
  const override = probe.env.ELECTRON_OVERRIDE_DIST_PATH
  const binary = override ? join(override, relative || 'electron') : join(pkg, 'dist', relative)
  return relative !== '' || override ? (probe.exists(binary) ? binary : null) : null
}
