// A pushing reader pulled batch by batch: order kept, its failure reaches the consumer, and a consumer
// that stops early stops the reader (its cleanup runs) instead of leaving it waiting for ever.

import { describe, expect, it } from 'vitest'
import { pullBatches } from '../../../../../electron/core/source/jsonl/pull-batches'

describe('pullBatches', () => {
  it('given a reader emitting batches, when pulled, then they come in order and empty ones are skipped', async () => {
    const got: number[][] = []
    for await (const batch of pullBatches<number>(async (emit) => {
      await emit([1, 2])
      await emit([])
      await emit([3])
    }))
      got.push([...batch])
    expect(got).toEqual([[1, 2], [3]])
  })

  it('given a reader that fails after a batch, when pulled, then the batch arrives and then its error', async () => {
    const got: number[] = []
    const pull = async (): Promise<void> => {
      for await (const batch of pullBatches<number>(async (emit) => {
        await emit([1])
        throw new Error('disk gone')
      }))
        got.push(...batch)
    }
    await expect(pull()).rejects.toThrow('disk gone')
    expect(got).toEqual([1])
  })

  it('given a consumer that stops after the first batch, when it breaks, then the reader stops and cleans up', async () => {
    let emitted = 0
    let cleaned = false
    for await (const batch of pullBatches<number>(async (emit) => {
      try {
        for (let i = 0; i < 1_000; i++) {
          emitted++
          await emit([i])
        }
      } finally {
        cleaned = true
      }
    })) {
      expect(batch).toEqual([0])
      break
    }
    expect(cleaned).toBe(true)
    // At most the batch taken and the one read ahead.
    expect(emitted).toBeLessThanOrEqual(2)
  })
})
