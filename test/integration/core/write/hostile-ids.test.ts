// Ids a store must not take: a lone surrogate (written as U+FFFD, the new stream would fail verify at
// once), and the case or Unicode-normalization twin of an existing aggregate (one file on macOS and
// Windows, where the two streams would merge).

import { readdir } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { appendEvent, appendEvents } from '../../../../electron/core/write/append'
import { initStore } from '../../../../electron/core/write/init-store'
import { verifyStore } from '../../../../electron/core/verify/verify-store'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs('eventscope-hostile-ids-')

async function storeWith(...ids: string[]): Promise<string> {
  const dir = await tempDir()
  await initStore(dir)
  for (const aggregateId of ids) await appendEvent({ dir, aggregateId, eventType: 'Created', payload: {} })
  return dir
}

describe('given an aggregate id with a lone surrogate', () => {
  it.each([['\uD800'], ['a\uDC00b'], ['x\uD83D']])(
    'when %j is appended, then it is refused and nothing is written',
    async (aggregateId) => {
      const dir = await storeWith()

      await expect(appendEvent({ dir, aggregateId, eventType: 'T', payload: {} })).rejects.toThrow(
        /lone UTF-16 surrogate/,
      )
      expect((await readdir(dir)).filter((name) => name.endsWith('.jsonl'))).toEqual([])
    },
  )

  it('when a proper surrogate pair (an emoji) is appended, then it is taken and the store verifies', async () => {
    const dir = await storeWith('order-😀')

    expect((await verifyStore(dir)).ok).toBe(true)
  })
})

describe('given a store holding "order-1" and "café" (composed)', () => {
  it.each([
    ['Order-1', 'order-1'],
    ['ORDER-1', 'order-1'],
    ['cafe\u0301', 'café'],
    ['CAFÉ', 'café'],
  ])(
    'when %j is created, then it is refused naming its twin %j, and nothing is written',
    async (id, twin) => {
      const dir = await storeWith('order-1', 'café')
      const before = (await readdir(dir)).sort()

      const attempt = appendEvent({ dir, aggregateId: id, eventType: 'T', payload: {} })

      await expect(attempt).rejects.toMatchObject({ code: 'invalid_input' })
      await expect(attempt).rejects.toThrow(
        `differs from the existing ${JSON.stringify(twin)} only by case or Unicode normalization`,
      )
      expect((await readdir(dir)).sort()).toEqual(before)
    },
  )

  it('when the existing ids themselves are appended to, then they are taken as always', async () => {
    const dir = await storeWith('order-1', 'café')

    await expect(
      appendEvent({ dir, aggregateId: 'order-1', eventType: 'T', payload: {} }),
    ).resolves.toMatchObject({
      version: 2,
    })
  })

  it('when one batch creates two twins, then the second is refused and the first is written', async () => {
    const dir = await storeWith('order-1')

    const { results, refused } = await appendEvents(dir, [
      { aggregateId: 'new-a', eventType: 'T', payload: {} },
      { aggregateId: 'New-A', eventType: 'T', payload: {} },
    ])

    expect(results.map((r) => r.aggregateId)).toEqual(['new-a'])
    expect(refused?.at).toBe(1)
    expect(refused?.error.message).toContain('"new-a"')
  })
})
