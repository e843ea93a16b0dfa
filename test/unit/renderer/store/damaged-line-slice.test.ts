import { describe, expect, it } from 'vitest'
import { deferred, fakeApi, settle, storeWith, summaryOf } from './fake-host'

const reply = (line: number, text: string) => ({
  aggregateId: 'a1',
  line,
  offset: 10,
  shownBytes: text.length,
  truncated: false,
  segments: [{ text }],
})

describe('the damaged-line slice', () => {
  it('given a line asked for twice, when the answer comes, then it is fetched once and shown', async () => {
    const api = fakeApi({ 'stream.line': ({ line }) => reply(line, 'not json') })
    const store = storeWith(api)
    store.getState().damagedLineNeeded('a1', 3)
    store.getState().damagedLineNeeded('a1', 3)
    await settle()
    expect(api['stream.line']).toHaveBeenCalledTimes(1)
    expect(store.getState().damagedLine?.value?.segments).toEqual([{ text: 'not json' }])
  })

  it('given a slow first line and a second one picked, when the first answers last, then the second stays shown', async () => {
    const slow = deferred<ReturnType<typeof reply>>()
    const api = fakeApi({ 'stream.line': ({ line }) => (line === 3 ? slow.promise : reply(line, 'second')) })
    const store = storeWith(api)
    store.getState().damagedLineNeeded('a1', 3)
    store.getState().damagedLineNeeded('a1', 7)
    await settle()
    slow.resolve(reply(3, 'first'))
    await settle()
    expect(store.getState().damagedLine).toMatchObject({ line: 7, value: { segments: [{ text: 'second' }] } })
  })

  it('given a failure, when it answers, then the error is kept for the pane; opening a store clears it', async () => {
    const api = fakeApi({ 'stream.line': () => Promise.reject(new Error('gone')) })
    const store = storeWith(api)
    store.getState().damagedLineNeeded('a1', 3)
    await settle()
    expect(store.getState().damagedLine).toMatchObject({ line: 3, value: null, error: 'gone' })
    store.getState().storeOpened({ summary: summaryOf('/x', 'id'), directory: { id: 'id', path: '/x' } })
    expect(store.getState().damagedLine).toBeNull()
  })
})
