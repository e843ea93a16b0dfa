import { describe, expect, it, vi } from 'vitest'
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { requestChannels } from '../../../../shared/channels'
import type { RequestChannel } from '../../../../shared/channels'
import type { Handlers } from '../../../../shared/contract'
import type { IpcResult } from '../../../../shared/errors'
import { createRouter } from '../../../../electron/core/api/router'
import { createPushSender, registerIpc } from '../../../../electron/main/ipc-registration'
import { TrustedWindows } from '../../../../electron/main/trusted-windows'
import { asWebContents, fakeContents, invokeEvent } from './fakes'

type Listener = (event: IpcMainInvokeEvent, input: unknown) => Promise<IpcResult<unknown>>

function setup() {
  const registered = new Map<string, Listener>()
  const ipcMain = {
    handle: vi.fn((channel: string, listener: Listener) => registered.set(channel, listener)),
    removeHandler: vi.fn((channel: string) => registered.delete(channel)),
  } as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>
  const handlers = Object.fromEntries(
    requestChannels.map((channel) => [channel, vi.fn(async (input: unknown) => ({ channel, input }))]),
  ) as unknown as Handlers
  const trusted = new TrustedWindows()
  const ours = fakeContents()
  trusted.add(asWebContents(ours))
  const unregister = registerIpc(ipcMain, createRouter(handlers), (event) => trusted.isTrustedSender(event))
  const call = (channel: RequestChannel, event: IpcMainInvokeEvent, input: unknown) => {
    const listener = registered.get(channel)
    if (!listener) throw new Error(`no handler for ${channel}`)
    return listener(event, input)
  }
  const ourEvent = () => {
    const contents = asWebContents(ours)
    return invokeEvent(contents, ours.mainFrame)
  }
  return { registered, handlers, trusted, ours, unregister, call, ourEvent, ipcMain }
}

describe('registerIpc', () => {
  it('given the contract, when IPC is registered, then every request channel has exactly one handler', () => {
    const { registered, ipcMain } = setup()

    expect([...registered.keys()].sort()).toEqual([...requestChannels].sort())
    expect(ipcMain.handle).toHaveBeenCalledTimes(requestChannels.length)
  })

  it('given our window main frame, when it calls a channel with valid input, then the handler answers', async () => {
    const { call, ourEvent, handlers } = setup()

    const result = await call('stream.open', ourEvent(), { aggregateId: 'order-1' })

    expect(result).toEqual({ ok: true, value: { channel: 'stream.open', input: { aggregateId: 'order-1' } } })
    expect(handlers['stream.open']).toHaveBeenCalledOnce()
  })

  it('given a webContents that is not one of our windows, when it calls, then it gets forbidden and no handler runs', async () => {
    const { call, handlers } = setup()
    const stranger = fakeContents()
    const contents = asWebContents(stranger)

    const result = await call('app.info', invokeEvent(contents, stranger.mainFrame), {})

    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(handlers['app.info']).not.toHaveBeenCalled()
  })

  it('given a subframe of our window, when it calls, then it gets forbidden', async () => {
    const { call, ours } = setup()
    const subframe = { url: 'app://eventscope/index.html', parent: ours.mainFrame }

    const result = await call('app.info', invokeEvent(asWebContents(ours), subframe), {})

    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('given our window navigated to another origin, when its main frame calls, then it gets forbidden', async () => {
    const { call, ours, ourEvent } = setup()
    ours.mainFrame.url = 'https://evil.example/index.html'

    const result = await call('app.info', ourEvent(), {})

    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('given a sender frame that is gone (null), when it calls, then it gets forbidden', async () => {
    const { call, ours } = setup()

    const result = await call('app.info', invokeEvent(asWebContents(ours), null), {})

    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('given our window was destroyed, when a late call arrives, then it gets forbidden', async () => {
    const { call, ours, ourEvent } = setup()
    ours.destroyed = true
    ours.onDestroyed.forEach((listener) => listener())

    const result = await call('app.info', ourEvent(), {})

    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('given our window, when it sends malformed input, then it gets invalid_input and no handler runs', async () => {
    const { call, ourEvent, handlers } = setup()

    const wrongType = await call('stream.window', ourEvent(), { aggregateId: 'a', offset: -1, limit: 10 })
    const extraKey = await call('app.info', ourEvent(), { sneaky: true })
    const notObject = await call('store.open', ourEvent(), 'rm -rf /')

    for (const result of [wrongType, extraKey, notObject]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    }
    expect(handlers['stream.window']).not.toHaveBeenCalled()
    expect(handlers['store.open']).not.toHaveBeenCalled()
  })

  it('given registered IPC, when it is unregistered, then every channel handler is removed', () => {
    const { registered, unregister } = setup()

    unregister()

    expect(registered.size).toBe(0)
  })
})

describe('createPushSender', () => {
  it('given two trusted windows and a destroyed one, when an event is pushed, then only live trusted windows get it', () => {
    const trusted = new TrustedWindows()
    const [a, b, gone] = [fakeContents(), fakeContents(), fakeContents()]
    for (const fake of [a, b, gone]) trusted.add(asWebContents(fake))
    gone.destroyed = true
    const stranger = fakeContents()

    createPushSender(trusted)('onProgress', { taskId: 's1', task: 'scan', done: 1, total: 2 })

    expect(a.sent).toEqual([['onProgress', { taskId: 's1', task: 'scan', done: 1, total: 2 }]])
    expect(b.sent).toHaveLength(1)
    expect(gone.sent).toHaveLength(0)
    expect(stranger.sent).toHaveLength(0)
  })

  it('given a name outside the contract, when it is pushed, then nothing is sent', () => {
    const trusted = new TrustedWindows()
    const a = fakeContents()
    trusted.add(asWebContents(a))

    createPushSender(trusted)('store.open' as never, {})

    expect(a.sent).toHaveLength(0)
  })
})
