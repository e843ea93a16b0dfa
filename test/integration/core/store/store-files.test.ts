// Listing a store's stream ids (store-files.ts): listStreamIds, and streamIdsUnlessSame, which answers
// null when the folder holds exactly the ids it was given and the ids otherwise, as listStreamIds does.

import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listStreamIds, streamIdsUnlessSame } from '../../../../electron/core/store/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

async function storeOf(ids: readonly string[], others: readonly string[] = []): Promise<string> {
  const dir = await tempDir()
  for (const id of ids) await writeFile(join(dir, `${id}.events.jsonl`), '')
  for (const name of others) await writeFile(join(dir, name), '')
  return dir
}

const sorted = (ids: readonly string[]) => [...ids].sort()

describe('streamIdsUnlessSame', () => {
  const ids = sorted(['0b6c', '1f00', 'a', 'order-7', 'user-1', 'user-10', 'user-2'])

  it('given a folder holding exactly the ids known (among files that are no streams), when checked, then it answers null', async () => {
    const dir = await storeOf(ids, ['index.json', 'notes.txt', '.events.jsonl', 'x.events.json'])
    expect(await listStreamIds(dir)).toEqual(ids)
    expect(await streamIdsUnlessSame(dir, ids)).toBeNull()
  })

  it('given a stream added, one removed, or one renamed, when checked, then it answers the ids as listStreamIds does', async () => {
    const dir = await storeOf(ids)
    for (const known of [
      ids.filter((id) => id !== 'order-7'),
      sorted([...ids, 'zzz']),
      sorted([...ids.filter((id) => id !== 'user-1'), 'user-0']),
      sorted([...ids.filter((id) => id !== 'a'), 'aa']),
      [],
    ]) {
      expect(await streamIdsUnlessSame(dir, known)).toEqual(await listStreamIds(dir))
    }
    expect(await streamIdsUnlessSame(await storeOf([]), ids)).toEqual([])
  })

  it('given ids whose file names sort otherwise than the ids (one a prefix of another, non-ASCII), when checked, then the answer still says the folder holds them', async () => {
    // "a.events.jsonl" sorts after "a-b.events.jsonl" by bytes, while "a" sorts before "a-b".
    const tricky = sorted(['a', 'a-b', 'a.b', 'é', 'z', '😀', 'ｚ'])
    const dir = await storeOf(tricky)
    expect(await listStreamIds(dir)).toEqual(tricky)
    const answer = await streamIdsUnlessSame(dir, tricky)
    expect(answer ?? tricky).toEqual(tricky)
    expect(await streamIdsUnlessSame(dir, tricky.slice(1))).toEqual(tricky)
  })

  it('given a folder named like a stream, when checked, then it is listed as listStreamIds lists it', async () => {
    const dir = await storeOf(['a'])
    await mkdir(join(dir, 'b.events.jsonl'))
    expect(await listStreamIds(dir)).toEqual(['a', 'b'])
    expect(await streamIdsUnlessSame(dir, ['a', 'b'])).toBeNull()
    expect(await streamIdsUnlessSame(dir, ['a'])).toEqual(['a', 'b'])
  })
})
