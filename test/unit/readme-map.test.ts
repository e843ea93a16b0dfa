// The README's "Where a change goes" table names the files a change touches; a newcomer follows it, so
// a path that no longer exists there is a lie. Every path in the table must exist (a `<name>` part
// stands for any name: its folder must exist; a `*` must match at least one file).

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const readme = readFileSync(join(root, 'README.md'), 'utf8')

/** The table under "### Where a change goes", up to the next blank line after it. */
function mapTable(text: string): string {
  const start = text.indexOf('### Where a change goes')
  if (start < 0) return ''
  const table = text.slice(start).split('\n\n')[1] ?? ''
  return table
}

/** The backticked paths of a text: tokens with a folder, or a file name with an extension. */
function pathsIn(text: string): string[] {
  return [...text.matchAll(/`([^`\s]+)`/g)]
    .map((match) => match[1] as string)
    .filter((token) => token.includes('/') && /^[\w.<>*-]+(\/[\w.<>*-]*)+$/.test(token))
}

/** Whether a README path names something in the repository. */
function exists(path: string): boolean {
  const placeholder = path.indexOf('<')
  if (placeholder >= 0) return existsSync(join(root, path.slice(0, placeholder)))
  if (path.includes('*')) {
    const pattern = new RegExp(`^${basename(path).replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`)
    const folder = join(root, dirname(path))
    return existsSync(folder) && readdirSync(folder).some((name) => pattern.test(name))
  }
  return existsSync(join(root, path))
}

describe("the README's map of where a change goes", () => {
  const table = mapTable(readme)
  const paths = pathsIn(table)

  it('given the README, when its map is read, then it has a row for each kind of change the issue names', () => {
    for (const row of [
      'a new channel',
      'a new per-line check',
      'a new dock tab',
      'a new CLI command',
      'a new source of events',
    ])
      expect(table).toContain(`| ${row}`)
    expect(paths.length).toBeGreaterThan(20)
  })

  it.each(paths)('given %s named in the map, when looked for, then it exists', (path) => {
    expect(exists(path), `${path} is named in the README's map but does not exist`).toBe(true)
  })

  it('given a path that does not exist, when checked the same way, then it is caught', () => {
    expect(exists('electron/core/api/no-such-handlers.ts')).toBe(false)
    expect(exists('electron/core/api/*-nothing.ts')).toBe(false)
    expect(exists('renderer/src/no-such-folder/<name>/')).toBe(false)
  })
})
