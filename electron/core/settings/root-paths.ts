// How a link names a store in the browser shell: by its path relative to the shell's roots, so a
// copied link carries no absolute path and still opens on another run served from the same roots.

import { realpath, stat } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { expandPath, isInside } from './directory-policy'

/** The store's path relative to the first root holding it ('' for a root itself, `/` between names), or null. */
export async function rootPathOf(dir: string, roots: readonly string[]): Promise<string | null> {
  const target = await realpath(dir).catch(() => null)
  if (target === null) return null
  for (const root of roots) {
    const base = await realpath(expandPath(root)).catch(() => null)
    if (base !== null && isInside(base, target)) return relative(base, target).split(sep).join('/')
  }
  return null
}

/**
 * The directory a root-relative path names: under the first root where it is a directory, or null.
 *
 * Only a path that stays inside its root is tried (no absolute path, no `..` out of it); the caller
 * still admits the result like a typed path, judged on its real path.
 */
export async function dirOfRootPath(path: string, roots: readonly string[]): Promise<string | null> {
  if (isAbsolute(path) || path.includes('\u0000')) return null
  for (const root of roots) {
    const base = await realpath(expandPath(root)).catch(() => null)
    if (base === null) continue
    const candidate = resolve(base, path)
    if (!isInside(base, candidate)) continue
    if ((await stat(candidate).catch(() => null))?.isDirectory()) return candidate
  }
  return null
}
