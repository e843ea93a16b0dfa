import { describe, expect, it } from 'vitest'
import { createLatest } from '../../../../renderer/src/lib/latest'

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('createLatest', () => {
  it('given two questions, when the first answers last, then only the second answer is delivered', async () => {
    const gate = createLatest()
    const delivered: string[] = []
    let answerFirst!: (value: string) => void
    gate.run(new Promise<string>((resolve) => (answerFirst = resolve)), (v) => delivered.push(v))
    gate.run(Promise.resolve('second'), (v) => delivered.push(v))
    await settle()
    answerFirst('first')
    await settle()

    expect(delivered).toEqual(['second'])
  })

  it('given a question in flight, when superseded, then neither its answer nor its error is delivered', async () => {
    const gate = createLatest()
    const delivered: unknown[] = []
    gate.run(Promise.resolve(1), (v) => delivered.push(v))
    gate.run(
      Promise.reject(new Error('x')),
      (v) => delivered.push(v),
      (e) => delivered.push(e),
    )
    gate.supersede()
    await settle()

    expect(delivered).toEqual([])
  })

  it('given a check from next(), when a newer question starts, then the check turns false', () => {
    const gate = createLatest()
    const first = gate.next()
    expect(first()).toBe(true)
    const second = gate.next()
    expect([first(), second()]).toEqual([false, true])
  })

  it('given an error answer that is still the newest, when it arrives, then onError gets it', async () => {
    const gate = createLatest()
    const errors: unknown[] = []
    gate.run(
      Promise.reject(new Error('gone')),
      () => {},
      (e) => errors.push((e as Error).message),
    )
    await settle()

    expect(errors).toEqual(['gone'])
  })
})
