// Whether a command uses the scan cache: off with its --no-cache, EVENTSCOPE_CACHE=off (cache-place.ts)
// or the preference `"scanCache": false` in settings.json of eventscope's config folder.

import { homedir } from 'node:os'
import { join } from 'node:path'
import { configureScanCache } from '../../core/scan-cache/cache-place'
import { cachePreference } from '../../core/settings/cache-preference'

/** The settings file of eventscope's config folder ($XDG_CONFIG_HOME/eventscope, else ~/.config/eventscope). */
export function settingsFile(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config')
  return join(base, 'eventscope', 'settings.json')
}

/** Switch the cache off for this run when asked to by the flag or the preference. */
export function applyCachePreference(noCache: boolean): void {
  if (noCache || cachePreference(settingsFile()) === false) configureScanCache({ enabled: false })
}
