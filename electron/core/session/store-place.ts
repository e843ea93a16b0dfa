// Where an open store really is, recorded when it is opened and checked again before every request.
//
// A session lives for hours; checking the path only on open would let a directory swapped for a link
// afterwards (`mv store store.old && ln -s /elsewhere store`) turn every later read and append into one
// outside the folders the user chose. The real path and the directory's device and inode must still be
// the ones seen at open, or the request is refused.

import { realpath, stat } from 'node:fs/promises'

export interface StorePlace {
  readonly dir: string
  readonly real: string
  readonly dev: number
  readonly ino: number
}

/** Record where `dir` really is now. */
export async function recordPlace(dir: string): Promise<StorePlace> {
  const real = await realpath(dir)
  const info = await stat(real)
  return { dir, real, dev: info.dev, ino: info.ino }
}

/**
 * Whether `place.dir` still resolves to the same directory: `missing` when nothing is there any more
 * (every read then fails as it would have, naming the missing folder). One realpath and one stat.
 */
export async function placeNow(place: StorePlace): Promise<'same' | 'missing' | 'changed'> {
  try {
    const real = await realpath(place.dir)
    if (real !== place.real) return 'changed'
    const info = await stat(real)
    return info.isDirectory() && info.dev === place.dev && info.ino === place.ino ? 'same' : 'changed'
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'changed'
  }
}
