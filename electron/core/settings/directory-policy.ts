// Which typed paths the browser shell lets the page open: only those under the roots given on the
// command line. The page is the least trusted part of the app; everything else it opens by an id main
// handed out (see directory-ids.ts), and the desktop shell takes no typed path at all.

import { realpath } from 'node:fs/promises'
import { homedir } from 'node:os'
import { isAbsolute, relative, resolve } from 'node:path'

/** A path as the user typed it: `~` expanded, made absolute. */
export function expandPath(dir: string): string {
  return resolve(dir.replace(/^~(?=$|[\\/])/, homedir()))
}

/** Resolve symbolic links so containment is judged on the real location; null when it does not exist. */
async function real(dir: string): Promise<string | null> {
  return realpath(expandPath(dir)).catch(() => null)
}

/** Whether `child` is `parent` or inside it; `path.relative`, not a prefix test (`/a/b-evil` is not in `/a/b`). */
export function isInside(parent: string, child: string): boolean {
  const path = relative(parent, child)
  return path === '' || (!path.startsWith('..') && !isAbsolute(path))
}

/** A refusal for directories outside every root, or null. Missing directories pass: opening reports them. */
export async function outsideRootsReason(dir: string, roots: readonly string[]): Promise<string | null> {
  const target = await real(dir)
  if (target === null) return null
  for (const root of roots) {
    const base = await real(root)
    if (base !== null && isInside(base, target)) return null
  }
  return `The browser shell opens only directories under ${roots.join(', ')}; start it with --root to allow more.`
}
