// "Is it there?" asked so that the answer is never a lie: a path that cannot be looked at (a folder
// the user may not read on the way to it) is that, not a missing path.

import type { Stats } from 'node:fs'
import { stat } from 'node:fs/promises'
import { StoreError } from '../errors'

/** The path's stats, null when nothing is there; a StoreError naming the cause when it cannot be looked at. */
export async function statIfPresent(path: string): Promise<Stats | null> {
  try {
    return await stat(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return null
    throw new StoreError('io_error', `Cannot read ${path} (${code ?? 'error'})`)
  }
}
