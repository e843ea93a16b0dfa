// Directories whose code (custom reducers and projections under `.eventscope/`) the user agreed to run,
// remembered in a small JSON file of the shell's choosing.
//
// Opening a directory someone sent you must never run code from it; trusting is an explicit act.

import { mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

export interface TrustStore {
  isTrusted(dir: string): boolean
  trust(dir: string): void
  untrust(dir: string): void
}

/** A directory as trust compares it: absolute, links resolved where it exists. */
export function canonicalDir(dir: string): string {
  try {
    return realpathSync(dir)
  } catch {
    return resolve(dir)
  }
}

export class TrustedDirectories implements TrustStore {
  private readonly memory = new Set<string>()

  /** `filePath` null: remembered for this run only (tests, one-shot CLI commands). */
  constructor(private readonly filePath: string | null) {}

  isTrusted(dir: string): boolean {
    return this.list().includes(canonicalDir(dir))
  }

  trust(dir: string): void {
    const canonical = canonicalDir(dir)
    this.save([canonical, ...this.list().filter((item) => item !== canonical)])
  }

  untrust(dir: string): void {
    const canonical = canonicalDir(dir)
    this.save(this.list().filter((item) => item !== canonical))
  }

  /** A missing or damaged file reads as "nothing trusted": failing closed. */
  list(): string[] {
    if (this.filePath === null) return [...this.memory]
    try {
      const value: unknown = JSON.parse(readFileSync(this.filePath, 'utf8'))
      return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
    } catch {
      return []
    }
  }

  // Written to a temp file and renamed so a crash never leaves half a file.
  private save(dirs: string[]): void {
    if (this.filePath === null) {
      this.memory.clear()
      for (const dir of dirs) this.memory.add(dir)
      return
    }
    mkdirSync(dirname(this.filePath), { recursive: true })
    const temp = `${this.filePath}.${process.pid}.tmp`
    writeFileSync(temp, JSON.stringify(dirs, null, 2))
    renameSync(temp, this.filePath)
  }
}
