// The user's preference about the scan cache, from the shell's settings.json: `"scanCache": false`
// switches it off. A missing or damaged file is no preference (the cache's default: on).

import { readFileSync } from 'node:fs'

/** true or false when settings.json says so, else null. */
export function cachePreference(file: string): boolean | null {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'))
    if (typeof value !== 'object' || value === null) return null
    const setting = (value as Record<string, unknown>).scanCache
    return typeof setting === 'boolean' ? setting : null
  } catch {
    return null
  }
}
