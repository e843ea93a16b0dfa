// The last few directories the user opened, kept in a small JSON file of the shell's choosing.
//
// Losing this file loses nothing of value, so a missing or damaged one reads as an empty list.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

const maxRemembered = 8

export class RecentDirectories {
  constructor(private readonly filePath: string) {}

  list(): string[] {
    try {
      const value: unknown = JSON.parse(readFileSync(this.filePath, 'utf8'))
      return Array.isArray(value)
        ? value.filter((item): item is string => typeof item === 'string').slice(0, maxRemembered)
        : []
    } catch {
      return []
    }
  }

  /** Put a directory first; written to a temp file and renamed so a crash never leaves half a file. */
  remember(dir: string): void {
    const dirs = [dir, ...this.list().filter((item) => item !== dir)].slice(0, maxRemembered)
    try {
      mkdirSync(dirname(this.filePath), { recursive: true })
      const temp = `${this.filePath}.${process.pid}.tmp`
      writeFileSync(temp, JSON.stringify(dirs, null, 2))
      renameSync(temp, this.filePath)
    } catch {
      // Remembering is a convenience; failing to write it must never fail opening the store.
    }
  }
}
