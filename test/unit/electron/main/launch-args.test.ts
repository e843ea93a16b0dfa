import { describe, expect, it } from 'vitest'
import { initialDirFromArgv } from '../../../../electron/main/launch-args'

const dirs = new Set(['/data/events', '/home/me/store', '/work/app'])
const isDirectory = (path: string) => dirs.has(path)

describe('initialDirFromArgv', () => {
  it('given `electron . DIR`, when parsed, then DIR is the initial directory', () => {
    expect(initialDirFromArgv(['/bin/electron', '/work/app', '/data/events'], true, isDirectory)).toBe(
      '/data/events',
    )
  })

  it('given the packaged app with flags and a missing path first, when parsed, then the first existing directory wins', () => {
    const argv = ['/opt/eventscope/eventscope', '--no-sandbox', '/nope', '/home/me/store', '/data/events']
    expect(initialDirFromArgv(argv, false, isDirectory)).toBe('/home/me/store')
  })

  it('given a relative path, when parsed, then it resolves against the working directory', () => {
    expect(initialDirFromArgv(['/bin/electron', '.', 'events'], true, isDirectory, '/data')).toBe(
      '/data/events',
    )
  })

  it('given no directory argument, when parsed, then there is none (and the app path itself does not count)', () => {
    expect(initialDirFromArgv(['/bin/electron', '/work/app'], true, isDirectory)).toBeNull()
    expect(initialDirFromArgv(['/opt/eventscope/eventscope'], false, isDirectory)).toBeNull()
  })
})

describe('initialDirFromArgv with a database address', () => {
  it('given `eventscope open postgres://…` (the password moved to PGPASSWORD), when parsed, then the address is the initial store as given', () => {
    const argv = ['/bin/electron', '/work/app', '--no-sandbox', 'postgres://app@db:5432/shop']
    expect(initialDirFromArgv(argv, true, isDirectory)).toBe('postgres://app@db:5432/shop')
  })
})
