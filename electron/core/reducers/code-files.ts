// User code kept inside a store: `.eventscope/reducers/<AggregateType>.js` and
// `.eventscope/projections/<name>.js`. Read, never written; symbolic links are not followed (they could
// point anywhere, and the user trusted this directory, not wherever a link leads).

import { createHash } from 'node:crypto'
import { lstat, readdir, readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'

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

/** A code file's identity without reading it: null when it is missing or not a regular file. */
export async function codeFileStat(file: string): Promise<{ mtimeMs: number; size: number } | null> {
  const info = await lstat(file).catch(() => null)
  if (!info?.isFile()) return null
  return { mtimeMs: info.mtimeMs, size: info.size }
}

/** Read a code file; null when it is missing, a link, not a regular file, or too big. */
export async function readCodeFile(file: string): Promise<CodeFile | null> {
  const info = await codeFileStat(file)
  if (!info || info.size > maxCodeBytes) return null
  const source = await readFile(file, 'utf8').catch(() => null)
  if (source === null) return null
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16)
  return { file, fileName: basename(file), source, id: `${file}#${hash}`, ...info }
}

/** The `.js` files of a code subfolder (`reducers`, `projections`), names without the extension, sorted. */
export async function listCodeNames(storeDir: string, folder: 'reducers' | 'projections'): Promise<string[]> {
  const entries = await readdir(join(storeDir, codeFolder, folder), { withFileTypes: true }).catch(() => [])
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => entry.name.slice(0, -3))
    .filter(isSafeCodeName)
    .sort()
}
