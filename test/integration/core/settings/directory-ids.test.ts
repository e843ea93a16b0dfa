import { mkdir, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DirectoryIds } from '../../../../electron/core/settings/directory-ids'
import { errorShape, StoreError } from '../../../../electron/core/errors'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs('eventscope-ids-')
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

async function refusal(ids: DirectoryIds, id: string): Promise<{ code: string; message: string }> {
  const error: unknown = await ids.resolve(id).then(
    () => null,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(StoreError)
  return errorShape(error as StoreError)
}

describe('DirectoryIds', () => {
  it('given a directory, when an id is handed out, then it is a random v4 UUID that resolves to the real path', async () => {
    const dir = await tempDir()
    const ids = new DirectoryIds()

    const choice = await ids.issue(dir)

    expect(choice.id).toMatch(uuidV4)
    expect(choice.path).toBe(await realpath(dir))
    expect(await ids.resolve(choice.id)).toBe(await realpath(dir))
  })

  it('given the same directory named twice, once through a link, when ids are handed out, then it keeps one id', async () => {
    const base = await tempDir()
    await mkdir(join(base, 'events'))
    await symlink(join(base, 'events'), join(base, 'alias'))
    const ids = new DirectoryIds()

    const first = await ids.issue(join(base, 'events'))
    const second = await ids.issue(join(base, 'alias'))

    expect(second).toEqual(first)
  })

  it('given many directories, when ids are handed out, then every id is distinct and none is derived from another', async () => {
    const base = await tempDir()
    const ids = new DirectoryIds()
    const issued = await Promise.all(
      Array.from({ length: 200 }, (_, i) => ids.issue(join(base, `missing-${i}`))),
    )

    const distinct = new Set(issued.map((choice) => choice.id))

    expect(distinct.size).toBe(200)
    for (const id of distinct) expect(id).toMatch(uuidV4)
  })

  it('given an id no one handed out, a prototype name, or one from another run, when resolved, then it is forbidden', async () => {
    const dir = await tempDir()
    const earlierRun = await new DirectoryIds().issue(dir)
    const ids = new DirectoryIds()
    const mine = await ids.issue(dir)

    for (const forged of [
      '00000000-0000-4000-8000-000000000000',
      '__proto__',
      'constructor',
      dir,
      earlierRun.id,
    ])
      expect(await refusal(ids, forged)).toMatchObject({ code: 'forbidden', message: /did not hand it out/ })
    expect(mine.id).not.toBe(earlierRun.id)
  })

  it('given a handed-out directory that was removed, when resolved, then it is not found', async () => {
    const base = await tempDir()
    await mkdir(join(base, 'events'))
    const ids = new DirectoryIds()
    const { id } = await ids.issue(join(base, 'events'))

    await rm(join(base, 'events'), { recursive: true })

    expect(await refusal(ids, id)).toMatchObject({ code: 'not_found' })
  })

  it('given a handed-out directory replaced by a file, when resolved, then it is refused as not a directory', async () => {
    const base = await tempDir()
    await mkdir(join(base, 'events'))
    const ids = new DirectoryIds()
    const { id } = await ids.issue(join(base, 'events'))

    await rm(join(base, 'events'), { recursive: true })
    await writeFile(join(base, 'events'), 'not a directory')

    expect(await refusal(ids, id)).toMatchObject({ code: 'invalid_input' })
  })

  it('given a handed-out directory replaced by a link to somewhere else, when resolved, then it is forbidden', async () => {
    const base = await tempDir()
    await mkdir(join(base, 'events'))
    await mkdir(join(base, 'secret'))
    const ids = new DirectoryIds()
    const { id } = await ids.issue(join(base, 'events'))

    await rename(join(base, 'events'), join(base, 'events-old'))
    await symlink(join(base, 'secret'), join(base, 'events'))

    expect(await refusal(ids, id)).toMatchObject({ code: 'forbidden', message: /no longer where/ })
  })

  it('given a typed path, when an id is asked only for what exists, then a missing one gets none and an existing one its id', async () => {
    const base = await tempDir()
    await mkdir(join(base, 'events'))
    const ids = new DirectoryIds()

    expect(await ids.issueExisting(join(base, 'missing'))).toBeNull()
    expect(await ids.issueExisting(join(base, 'events'))).toEqual(await ids.issue(join(base, 'events')))
  })

  it('given a directory that does not exist yet, when handed out and later created, then its id opens it', async () => {
    const base = await tempDir()
    const ids = new DirectoryIds()
    const { id } = await ids.issue(join(base, 'later'))
    expect(await refusal(ids, id)).toMatchObject({ code: 'not_found' })

    await mkdir(join(base, 'later'))

    expect(await ids.resolve(id)).toBe(join(await realpath(base), 'later'))
  })
})
