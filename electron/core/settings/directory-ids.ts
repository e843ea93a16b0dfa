// The ids main hands the page for directories it chose: the command line, the recent list, the folder
// dialog, and (browser shell only) a typed path it admitted under its roots; and for database
// addresses, whose whole text (with any password) stays here while the page sees it without one.
//
// The page is the least trusted part of the app, so it never names a directory to open; it hands back
// an id. Ids are random v4 UUIDs (122 bits from the CSPRNG) made fresh each run and never written
// anywhere, so a page cannot guess one, and one from an earlier run means nothing. Each id stands for
// the real path recorded when it was handed out; opening re-checks that it is still a directory there.

import { randomUUID } from 'node:crypto'
import { realpath, stat } from 'node:fs/promises'
import type { DirectoryChoice } from '../../../shared/contract'
import { addressWithoutPassword, isDatabaseAddress } from '../../../shared/store-address'
import { StoreError } from '../errors'
import { expandPath } from './directory-policy'

export class DirectoryIds {
  private readonly pathById = new Map<string, string>()
  private readonly idByPath = new Map<string, string>()

  /** The id of a directory main chose; one id per real path per run, so the same directory keeps its id. */
  async issue(dir: string): Promise<DirectoryChoice> {
    if (isDatabaseAddress(dir)) return this.issueAddress(dir)
    const absolute = expandPath(dir)
    // A directory that is gone (an old recent entry) keeps its id: opening it then says it is missing.
    return this.record(await realpath(absolute).catch(() => absolute))
  }

  /** Like issue, for a path the page typed: null when nothing is there, and then nothing is recorded. */
  async issueExisting(dir: string): Promise<DirectoryChoice | null> {
    if (isDatabaseAddress(dir)) return this.issueAddress(dir)
    const path = await realpath(expandPath(dir)).catch(() => null)
    return path === null ? null : this.record(path)
  }

  /**
   * The id of a database address: one per address text per run. The page is handed the address
   * without its password; opening the id opens the whole address.
   */
  issueAddress(address: string): DirectoryChoice {
    return { id: this.record(address).id, path: addressWithoutPassword(address) }
  }

  private record(path: string): DirectoryChoice {
    let id = this.idByPath.get(path)
    if (id === undefined) {
      id = randomUUID()
      this.idByPath.set(path, id)
      this.pathById.set(id, path)
    }
    return { id, path }
  }

  /** The path (or address) `id` was handed out for, unchecked (resolve checks it); undefined: not by this run. */
  pathOf(id: string): string | undefined {
    return this.pathById.get(id)
  }

  /** The real path an id was handed out for, still a directory there; an StoreError otherwise. */
  async resolve(id: string): Promise<string> {
    const path = this.pathById.get(id)
    if (path === undefined) throw unknownDirectoryId()
    // A database is checked by connecting to it, when it is opened.
    if (isDatabaseAddress(path)) return path
    const info = await stat(path).catch(() => null)
    if (!info) throw new StoreError('not_found', `No such directory: ${path}`)
    if (!info.isDirectory()) throw new StoreError('invalid_input', `Not a directory: ${path}`)
    // A link put in its place (or in place of a folder above it) would lead somewhere never chosen.
    if ((await realpath(path).catch(() => null)) !== path)
      throw new StoreError('forbidden', `${path} is no longer where it was chosen; choose it again.`)
    return path
  }
}

/** The refusal of an id this run did not hand out (forged, guessed, or from an earlier run). */
export function unknownDirectoryId(): StoreError {
  return new StoreError(
    'forbidden',
    'Unknown directory id: this run of eventscope did not hand it out; choose the directory again.',
  )
}
