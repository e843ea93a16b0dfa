import { describe, expect, it, vi } from 'vitest'
import { requestChannels } from '../../../shared/channels'
import type { Handlers } from '../../../shared/contract'
import { StoreError } from '../../../electron/core/errors'
import { createRouter } from '../../../electron/core/api/router'

function handlers(overrides: Partial<Record<keyof Handlers, (input: unknown) => Promise<unknown>>> = {}) {
  const all = Object.fromEntries(
    requestChannels.map((channel) => [
      channel,
      vi.fn(overrides[channel] ?? (async (input: unknown) => ({ input }))),
    ]),
  )
  return all as unknown as Handlers & Record<string, ReturnType<typeof vi.fn>>
}

describe('createRouter', () => {
  it('given a valid channel and input, when dispatched, then the handler gets the parsed input and its value is returned', async () => {
    const h = handlers()
    const dispatch = createRouter(h)

    const result = await dispatch('stream.window', { aggregateId: 'order-1', offset: 0, limit: 50 })

    expect(result).toEqual({ ok: true, value: { input: { aggregateId: 'order-1', offset: 0, limit: 50 } } })
    expect(h['stream.window']).toHaveBeenCalledOnce()
  })

  it('given no input for a channel without fields, when dispatched, then it is treated as an empty object', async () => {
    const result = await createRouter(handlers())('app.info', undefined)

    expect(result).toEqual({ ok: true, value: { input: {} } })
  })

  it.each([['nope'], ['__proto__'], ['constructor'], [42], [null], [{ channel: 'app.info' }]])(
    'given an unknown channel %j, when dispatched, then it answers unknown_channel without running a handler',
    async (channel) => {
      const h = handlers()

      const result = await createRouter(h)(channel, {})

      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })
      for (const name of requestChannels) expect(h[name]).not.toHaveBeenCalled()
    },
  )

  it('given a very long unknown channel name, when dispatched, then the message quotes it truncated', async () => {
    const result = await createRouter(handlers())('x'.repeat(10_000), {})

    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message.length).toBeLessThan(120)
  })

  it.each([
    ['store.open', {}],
    ['store.open', { dir: '' }],
    ['store.open', { dir: 42 }],
    ['store.open', 'not an object'],
    ['store.open', { directoryId: 'not-an-id' }],
    ['store.open', { directoryId: '6f1c2b7e-8d4a-4c3b-9e2f-1a2b3c4d5e6f', dir: '/home/alice' }],
    ['store.open', { directoryId: '6f1c2b7e-8d4a-4c3b-9e2f-1a2b3c4d5e6f', admin: true }],
    ['app.info', { extra: 1 }],
    ['aggregates.window', { offset: 0, limit: 5000, sort: { column: 'id', direction: 'asc' }, filter: '' }],
    ['event.get', { aggregateId: 'a', version: 0 }],
    ['state.at', { aggregateId: 'a', version: 1.5 }],
  ])(
    'given malformed input for %s (%j), when dispatched, then it answers invalid_input',
    async (channel, input) => {
      const h = handlers()

      const result = await createRouter(h)(channel, input)

      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
      expect(h[channel]).not.toHaveBeenCalled()
    },
  )

  it('given a handler throwing a StoreError, when dispatched, then its code and message cross as they are', async () => {
    const h = handlers({
      'stream.open': async () => {
        throw new StoreError('not_found', 'No aggregate order-9 in this store.')
      },
    })
    const log = vi.fn()

    const result = await createRouter(h, log)('stream.open', { aggregateId: 'order-9' })

    expect(result).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No aggregate order-9 in this store.' },
    })
    expect(log).not.toHaveBeenCalled()
  })

  it('given a handler throwing a plain Error, when dispatched, then the answer is internal with no stack, path or message leaked, and it is logged', async () => {
    const secret = new Error("EACCES: permission denied, open '/home/alice/.ssh/id_rsa'")
    const h = handlers({
      'store.open': async () => {
        throw secret
      },
    })
    const log = vi.fn()

    const result = await createRouter(h, log)('store.open', { dir: '/home/alice' })

    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    const text = JSON.stringify(result)
    expect(text).not.toContain('/home/alice/.ssh')
    expect(text).not.toContain('EACCES')
    expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/)
    expect(Object.keys(result.ok ? {} : result.error).sort()).toEqual(['code', 'message'])
    expect(log).toHaveBeenCalledExactlyOnceWith(secret)
  })

  it('given a handler throwing a non-Error value, when dispatched, then the answer is internal', async () => {
    const h = handlers({
      'app.info': async () => {
        throw 'a string'
      },
    })

    const result = await createRouter(h)('app.info', {})

    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
  })

  it('given an input nested 2,000 deep (4 KB), when dispatched, then it is refused as invalid_input before validation and no handler runs', async () => {
    const h = handlers()
    let payload: unknown = 1
    for (let i = 0; i < 2_000; i++) payload = [payload]

    const result = await createRouter(h)('events.append', {
      aggregateId: 'u1',
      type: 'X',
      payload: { p: payload },
    })

    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(JSON.stringify(result)).toMatch(/nested deeper than \d+ levels/)
    expect(h['events.append']).not.toHaveBeenCalled()
  })

  it('given an input whose property getter throws, when dispatched, then the failure is this request answer, never a rejection', async () => {
    const input = Object.defineProperty({}, 'aggregateId', {
      enumerable: true,
      get() {
        throw new RangeError('Maximum call stack size exceeded')
      },
    })
    const log = vi.fn()

    const result = await createRouter(handlers(), log)('stream.window', input)

    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(log).toHaveBeenCalledOnce()
  })
})
