// Temporary index files (`.index.json.<pid>.<ms>.tmp`, durable-file's replaceDurably) left by a writer
// killed between creating and renaming one. Reading never touches them: verify reports them, and only
// reindex and repair remove them, under the store lock, where no eventscope writer can be mid-replace
// (every index replace happens inside the lock, so a temp file seen there belongs to a dead writer).

import { lstat, readdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'

const leftoverName = /^\.index\.json\.\d+\.\d+\.tmp$/

/** The leftover index temp files of a store (regular files only), sorted. One readdir plus an lstat each. */
export async function findLeftoverTemps(dir: string): Promise<string[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => leftoverName.test(name))
  const files: string[] = []
  for (const name of names.sort()) {
    const info = await lstat(join(dir, name)).catch(() => null)
    if (info?.isFile()) files.push(name)
  }
  return files
}

/** Remove the leftover index temp files; call only while holding the store lock. Returns their names. */
export async function removeLeftoverTemps(dir: string): Promise<string[]> {
  const removed: string[] = []
  for (const name of await findLeftoverTemps(dir)) {
    // unlink removes the name only, never what a link points at; a file gone meanwhile is fine.
    await unlink(join(dir, name)).then(
      () => removed.push(name),
      () => {},
    )
  }
  return removed
}

/** The message of the verify finding for one leftover temp file. */
export function leftoverTempMessage(name: string): string {
  return `${name} was left by a writer that was stopped mid-write; \`eventscope reindex\` or \`repair\` removes it`
}
