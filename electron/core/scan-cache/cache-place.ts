// Where the scan cache lives and whether it is used: the user's cache folder (never inside a store:
// reading never writes there), switched off by `--no-cache`, EVENTSCOPE_CACHE=off or the preference
// `"scanCache": false` in the config folder's settings.json.

import { homedir } from 'node:os'
import { join } from 'node:path'

export interface CachePlace {
  /** Whether the scan cache is read and written at all. */
  readonly enabled: boolean
  /** The folder of eventscope's cache (files go in a subfolder per format version). */
  readonly root: string
  /** Bytes the cache may hold in all; the least recently used stores' files go first. */
  readonly maxBytes: number
  /**
   * A file changed this close to its reading (or later) is read again next time (stream-stamp.ts):
   * 2 s covers the coarsest timestamps (FAT). Tests lower it with EVENTSCOPE_CACHE_SETTLE_MS, since a
   * file's ctime cannot be set back to make it look settled.
   */
  readonly settleMs: number
}

/** 1 GiB: the readings of a 100,000-stream store take about 20 MB, a 1M-event stream's scan ~40 MB. */
export const defaultMaxBytes = 1024 * 1024 * 1024

const defaultSettleMs = 2000

export interface CacheOverrides {
  readonly enabled?: boolean | undefined
  readonly root?: string | undefined
  readonly maxBytes?: number | undefined
  readonly settleMs?: number | undefined
}

let overrides: CacheOverrides = {}

/** Set by the shells: `--no-cache`, the preference, or tests pointing the cache somewhere. */
export function configureScanCache(next: CacheOverrides): void {
  overrides = { ...overrides, ...next }
}

/** Forget what configureScanCache set (tests). */
export function resetScanCacheConfig(): void {
  overrides = {}
}

/** The cache's place and switch, from the overrides, then the environment, then the platform. */
export function cachePlace(env: NodeJS.ProcessEnv = process.env): CachePlace {
  const root = overrides.root ?? (env.EVENTSCOPE_CACHE_DIR || platformCacheRoot(env))
  const switchedOff = isOff(env.EVENTSCOPE_CACHE)
  return {
    enabled: overrides.enabled ?? !switchedOff,
    root,
    maxBytes: overrides.maxBytes ?? (positiveNumber(env.EVENTSCOPE_CACHE_MAX_BYTES) || defaultMaxBytes),
    settleMs: overrides.settleMs ?? settle(env.EVENTSCOPE_CACHE_SETTLE_MS),
  }
}

/**
 * The platform's folder for caches, with eventscope's name: $XDG_CACHE_HOME/eventscope, else
 * ~/.cache/eventscope (Linux and other Unix); ~/Library/Caches/eventscope (macOS);
 * %LOCALAPPDATA%\eventscope\Cache (Windows).
 */
export function platformCacheRoot(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'eventscope')
  if (platform === 'win32')
    return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'eventscope', 'Cache')
  // XDG: a relative value is invalid and must be ignored.
  const xdg = env.XDG_CACHE_HOME
  return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.cache'), 'eventscope')
}

function isOff(value: string | undefined): boolean {
  return value !== undefined && /^(0|off|false|no)$/i.test(value.trim())
}

function settle(value: string | undefined): number {
  const number = value === undefined || value === '' ? Number.NaN : Number(value)
  return Number.isFinite(number) && number >= 0 ? number : defaultSettleMs
}

function positiveNumber(value: string | undefined): number {
  const number = Number(value)
  return Number.isFinite(number) && number > 0 ? number : 0
}
