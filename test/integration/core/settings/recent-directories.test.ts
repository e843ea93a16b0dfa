import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RecentDirectories } from '../../../../electron/core/settings/recent-directories'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

describe('RecentDirectories', () => {
  it('given no file yet, when listed, then the list is empty', async () => {
    expect(new RecentDirectories(join(await tempDir(), 'recent.json')).list()).toEqual([])
  })

  it('given directories remembered, when listed, then the latest is first, repeats move to the front, and at most 8 are kept', async () => {
    const file = join(await tempDir(), 'nested', 'config', 'recent.json')
    const recent = new RecentDirectories(file)

    for (let i = 1; i <= 10; i++) recent.remember(`/stores/${i}`)
    recent.remember('/stores/5')

    expect(recent.list()).toEqual([
      '/stores/5',
      '/stores/10',
      '/stores/9',
      '/stores/8',
      '/stores/7',
      '/stores/6',
      '/stores/4',
      '/stores/3',
    ])
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(recent.list())
  })

  it('given a damaged file, when listed, then it reads as empty, and remembering replaces it with a valid one', async () => {
    const dir = await tempDir()
    const file = join(dir, 'recent.json')
    await writeFile(file, '["/a", 4, null, {"x":1}, "/b"')
    const recent = new RecentDirectories(file)
    const damaged = recent.list()

    recent.remember('/c')

    expect(damaged).toEqual([])
    expect(recent.list()).toEqual(['/c'])
    expect(await readdir(dir)).toEqual(['recent.json'])
  })

  it('given a file with non-string entries, when listed, then only the strings are kept', async () => {
    const file = join(await tempDir(), 'recent.json')
    await writeFile(file, JSON.stringify(['/a', 4, null, '/b']))

    expect(new RecentDirectories(file).list()).toEqual(['/a', '/b'])
  })

  it('given a file path that cannot be written, when remembering, then it fails silently', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'blocker'), 'a file where a folder should be')

    expect(() => new RecentDirectories(join(dir, 'blocker', 'recent.json')).remember('/a')).not.toThrow()
  })
})
