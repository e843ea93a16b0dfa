import { readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { initialIndexText, initStore } from '../../../../electron/core/write/init-store'
import { reindexStore } from '../../../../electron/core/write/reindex'
import { writeStream } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs('eventscope-reindex-')
const event = (time: string) => `{"event_type": "T", "occurred_at": "${time}"}\n`
const at = new Date('2026-02-03T04:05:06.789Z')

describe('reindexStore', () => {
  it('given an index with extra keys and a stale entry, when rebuilt, then counts follow the streams and the extras stay', async () => {
    const dir = await tempDir()
    await writeStream(dir, 'a', event('t1') + event('t2'))
    await writeStream(dir, 'b', event('t3'))
    await writeFile(
      join(dir, 'index.json'),
      '{"schema": 1, "aggregates": {"a": {"event_count": 1, "last_event_at": "t1", "owner": "x"}, "gone": {"event_count": 5, "last_event_at": null}}, "total_events": 6}',
    )
    const result = await reindexStore(dir, () => at)
    expect(result).toMatchObject({
      before: 'ok',
      added: ['b'],
      removed: ['gone'],
      updated: ['a'],
      totalBefore: 6,
      totalAfter: 3,
      written: true,
      corruptCopy: null,
    })
    expect(JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'))).toEqual({
      schema: 1,
      aggregates: {
        a: { event_count: 2, last_event_at: 't2', owner: 'x' },
        b: { event_count: 1, last_event_at: 't3' },
      },
      total_events: 3,
    })
  })

  it('given an index that already matches, when rebuilt, then nothing is written', async () => {
    const dir = await tempDir()
    await writeStream(dir, 'a', event('t1'))
    await reindexStore(dir)
    const before = await stat(join(dir, 'index.json'))
    const result = await reindexStore(dir)
    expect(result).toMatchObject({ written: false, added: [], removed: [], updated: [] })
    expect((await stat(join(dir, 'index.json'))).mtimeMs).toBe(before.mtimeMs)
  })

  it('given a corrupt index, when rebuilt, then its bytes are copied aside first', async () => {
    const dir = await tempDir()
    await writeStream(dir, 'a', event('t1'))
    await writeFile(join(dir, 'index.json'), 'not json')
    const result = await reindexStore(dir, () => at)
    expect(result).toMatchObject({
      before: 'corrupt',
      corruptCopy: join(dir, 'index.json.corrupt-2026-02-03T04-05-06-789Z'),
      added: ['a'],
    })
    expect(await readFile(join(dir, 'index.json.corrupt-2026-02-03T04-05-06-789Z'), 'utf8')).toBe('not json')
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('given an index.json that is a symbolic link, when rebuilt, then it is refused', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'elsewhere.json'), '{}')
    await symlink(join(dir, 'elsewhere.json'), join(dir, 'index.json'))
    await expect(reindexStore(dir)).rejects.toThrow(
      /index\.json is a symbolic link; eventscope never writes through links/,
    )
  })
})

describe('initStore', () => {
  it('given a new path, when initialized, then parents are made and the seed’s first index is written', async () => {
    const dir = join(await tempDir(), 'x', 'y')
    expect(await initStore(dir)).toEqual({ dir, created: true })
    expect(await readFile(join(dir, 'index.json'), 'utf8')).toBe('{"aggregates": {}, "total_events": 0}')
    expect(initialIndexText).toBe('{"aggregates": {}, "total_events": 0}')
  })

  it('given an empty existing directory with other files, when initialized, then it is used', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'notes.txt'), 'x')
    expect(await initStore(dir)).toEqual({ dir, created: false })
    await expect(initStore(dir)).rejects.toMatchObject({ code: 'invalid_input' })
  })
})
