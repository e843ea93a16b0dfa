import { describe, expect, it } from 'vitest'
import { createCoalescer, type Outcome } from '../../../../renderer/src/lib/coalescer'

/** A run function whose calls the test settles by hand. */
function manualRun() {
  const calls: { key: number; resolve: (value: string) => void; reject: (error: unknown) => void }[] = []
  const run = (key: number) =>
    new Promise<string>((resolve, reject) => {
      calls.push({ key, resolve, reject })
    })
  return { calls, run }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('createCoalescer', () => {
  it('given an idle coalescer, when a key is requested, then it runs at once', () => {
    const { calls, run } = manualRun()
    createCoalescer({ run, deliver: () => {} }).request(1)
    expect(calls.map((c) => c.key)).toEqual([1])
  })

  it('given a request in flight, when many keys are requested, then only the newest runs after it settles', async () => {
    const { calls, run } = manualRun()
    const delivered: [number, Outcome<string>][] = []
    const coalescer = createCoalescer({ run, deliver: (key, outcome) => delivered.push([key, outcome]) })
    coalescer.request(1)
    coalescer.request(2)
    coalescer.request(3)
    coalescer.request(4)
    expect(calls.map((c) => c.key)).toEqual([1])

    calls[0]!.resolve('one')
    await flush()
    expect(delivered).toEqual([[1, { ok: true, value: 'one' }]])
    expect(calls.map((c) => c.key)).toEqual([1, 4])

    calls[1]!.resolve('four')
    await flush()
    expect(delivered.map(([key]) => key)).toEqual([1, 4])
    expect(coalescer.busy()).toBe(false)
  })

  it('given a request in flight, when the same key is requested again, then nothing more runs', async () => {
    const { calls, run } = manualRun()
    const coalescer = createCoalescer({ run, deliver: () => {} })
    coalescer.request(5)
    coalescer.request(6)
    coalescer.request(5)
    calls[0]!.resolve('five')
    await flush()
    expect(calls.map((c) => c.key)).toEqual([5])
  })

  it('given a failing run, when it settles, then the failure is delivered and the next key still runs', async () => {
    const { calls, run } = manualRun()
    const delivered: Outcome<string>[] = []
    const coalescer = createCoalescer({ run, deliver: (_key, outcome) => delivered.push(outcome) })
    coalescer.request(1)
    coalescer.request(2)
    calls[0]!.reject(new Error('boom'))
    await flush()
    expect(delivered[0]).toMatchObject({ ok: false })
    expect(calls.map((c) => c.key)).toEqual([1, 2])
  })

  it('given a waiting key, when cleared, then it does not run', async () => {
    const { calls, run } = manualRun()
    const coalescer = createCoalescer({ run, deliver: () => {} })
    coalescer.request(1)
    coalescer.request(2)
    coalescer.clear()
    calls[0]!.resolve('one')
    await flush()
    expect(calls.map((c) => c.key)).toEqual([1])
  })

  it('given object keys and a custom equality, when an equal key is requested, then it is treated as the same', async () => {
    const calls: { v: number }[] = []
    let settle: () => void = () => {}
    const coalescer = createCoalescer<{ v: number }, null>({
      same: (a, b) => a.v === b.v,
      run: (key) => {
        calls.push(key)
        return new Promise((resolve) => (settle = () => resolve(null)))
      },
      deliver: () => {},
    })
    coalescer.request({ v: 1 })
    coalescer.request({ v: 1 })
    settle()
    await flush()
    expect(calls).toHaveLength(1)
  })
})
