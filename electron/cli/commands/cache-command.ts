// `eventscope cache status|clear`.

import { cacheSize, clearScanCache } from '../../core/scan-cache/scan-cache'
import { cachePlace } from '../../core/scan-cache/cache-place'
import type { CliIo } from '../cli-io'
import { applyCachePreference } from './cache-switch'

/** Show or remove the scan cache. */
export async function runCache(
  command: { action: 'status' | 'clear'; json: boolean },
  io: CliIo,
): Promise<number> {
  applyCachePreference(false)
  const place = cachePlace()
  if (command.action === 'clear') {
    const { root, files, bytes } = await clearScanCache()
    if (command.json) await io.out(`${JSON.stringify({ root, files, bytes })}\n`)
    else await io.out(`Removed ${files} cache files (${formatBytes(bytes)}) from ${root}\n`)
    return 0
  }
  const { files, bytes } = await cacheSize()
  const status = { root: place.root, enabled: place.enabled, files, bytes }
  if (command.json) await io.out(`${JSON.stringify(status)}\n`)
  else
    await io.out(
      `Scan cache: ${place.root} (${place.enabled ? 'on' : 'off'}), ${files} files, ${formatBytes(bytes)} of at most ${formatBytes(place.maxBytes)}\n`,
    )
  return 0
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
