// User code kept inside a store: `.eventscope/reducers/<AggregateType>.js` and
// `.eventscope/projections/<name>.js`. Read, never written; symbolic links are not followed (they could
// point anywhere, and the user trusted this directory, not wherever a link leads): not the file, and not
// the `.eventscope` folder or its `reducers`/`projections` folder either.

import { createHash } from 'node:crypto'
import { lstat, readdir } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { readRegularFile } from '../store/regular-file'

export const codeFolder = '.eventscope'
/** Largest code file read: reducers are small; anything bigger is a mistake or an attack. */
export const maxCodeBytes = 1024 * 1024

export interface CodeFile {
  readonly file: string
  readonly fileName: string
  readonly source: string
  /** `<file>#<sha256 prefix>`: changes whenever the content does. */
  readonly id: string
  readonly mtimeMs: number
  readonly size: number
}

/** Whether a name can be a file name inside the code folder: no separators, no dot files, no `..`. */
export function isSafeCodeName(name: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,200}$/.test(name) && !name.includes('..')
}

/** Where the store's reducer for an aggregate type would be; null when the type cannot be a file name. */
export function reducerPath(storeDir: string, aggregateType: string): string | null {
  return isSafeCodeName(aggregateType) ? join(storeDir, codeFolder, 'reducers', `${aggregateType}.js`) : null
}

/** Where the store's projection of a name would be; null when the name cannot be a file name. */
export function projectionPath(storeDir: string, name: string): string | null {
  return isSafeCodeName(name) ? join(storeDir, codeFolder, 'projections', `${name}.js`) : null
}

/**
 * Whether a code file sits under a linked `.eventscope` or `reducers`/`projections` folder.
 *
 * Only the two folder levels of the store's layout are looked at (two lstats); a file named with
 * `--reducer` elsewhere is the user's own path and is judged by its own type only.
 */
async function underLinkedCodeFolder(file: string): Promise<boolean> {
  const folder = dirname(file)
  const parent = dirname(folder)
  if (basename(parent) !== codeFolder) return false
  for (const dir of [parent, folder]) {
    const info = await lstat(dir).catch(() => null)
    if (info === null || !info.isDirectory()) return true
  }
  return false
}

/** A code file's identity without reading it: null when it is missing, not a regular file, or under a linked folder. */
export async function codeFileStat(file: string): Promise<{ mtimeMs: number; size: number } | null> {
  if (await underLinkedCodeFolder(file)) return null
  const info = await lstat(file).catch(() => null)
  if (!info?.isFile()) return null
  return { mtimeMs: info.mtimeMs, size: info.size }
}

/** Read a code file; null when it is missing, a link, not a regular file, or too big. */
export async function readCodeFile(file: string): Promise<CodeFile | null> {
  const info = await codeFileStat(file)
  if (!info || info.size > maxCodeBytes) return null
  // Opened as a regular file again (not only lstat'd): a FIFO swapped in meanwhile is refused, not waited on.
  const read = await readRegularFile(file, maxCodeBytes).catch(() => null)
  if (read === null) return null
  const source = read.bytes.toString('utf8')
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16)
  return { file, fileName: basename(file), source, id: `${file}#${hash}`, ...info }
}

/** The `.js` files of a code subfolder (`reducers`, `projections`), names without the extension, sorted. */
export async function listCodeNames(storeDir: string, folder: 'reducers' | 'projections'): Promise<string[]> {
  if (await underLinkedCodeFolder(join(storeDir, codeFolder, folder, 'x.js'))) return []
  const entries = await readdir(join(storeDir, codeFolder, folder), { withFileTypes: true }).catch(() => [])
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => entry.name.slice(0, -3))
    .filter(isSafeCodeName)
    .sort()
}
