import { beforeEach, describe, expect, it, vi } from 'vitest'
import { pushEvents, requestChannels } from '../../../../shared/channels'
import type { Bridge } from '../../../../shared/bridge'

const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void
  const listeners = new Map<string, Listener[]>()
  return {
    listeners,
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
      on: vi.fn((channel: string, listener: Listener) => {
        listeners.set(channel, [...(listeners.get(channel) ?? []), listener])
      }),
      removeListener: vi.fn((channel: string, listener: Listener) => {
        listeners.set(
          channel,
          (listeners.get(channel) ?? []).filter((l) => l !== listener),
        )
      }),
    },
  }
})

vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }))

async function loadPreload(): Promise<{ name: unknown; bridge: Bridge }> {
  vi.resetModules()
  electron.contextBridge.exposeInMainWorld.mockClear()
  await import('../../../../electron/preload/index')
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
  const [name, bridge] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [unknown, Bridge]
  return { name, bridge }
}

function emit(channel: string, payload: unknown): void {
  const fakeEvent = { sender: electron.ipcRenderer, senderId: 0, ports: [] }
  for (const listener of electron.listeners.get(channel) ?? []) listener(fakeEvent, payload)
}

describe('preload bridge', () => {
  beforeEach(() => {
    electron.listeners.clear()
    electron.ipcRenderer.invoke.mockClear()
  })

  it('given the preload runs, when it exposes the bridge, then one object named eventscope holds exactly the channels and subscribe', async () => {
    const { name, bridge } = await loadPreload()

    expect(name).toBe('eventscope')
    expect(Object.keys(bridge).sort()).toEqual([...requestChannels, 'subscribe'].sort())
    expect(Object.keys(bridge).sort()).toMatchInlineSnapshot(`
      [
        "aggregates.window",
        "app.info",
        "check.run",
        "correlation.list",
        "event.get",
        "events.append",
        "events.preview",
        "events.template",
        "events.types",
        "export.run",
        "projection.list",
        "projection.run",
        "reducer.status",
        "search.run",
        "state.at",
        "state.diff",
        "store.asOf",
        "store.histogram",
        "store.open",
        "store.pickDirectory",
        "store.reindex",
        "store.repair",
        "store.trust",
        "store.verify",
        "stream.hits",
        "stream.line",
        "stream.open",
        "stream.window",
        "subscribe",
        "task.cancel",
      ]
    `)
    expect(Object.isFrozen(bridge)).toBe(true)
  })

  it.each(requestChannels)(
    'given the bridge, when %s is called, then it invokes that channel with the input and returns the result',
    async (channel) => {
      const { bridge } = await loadPreload()
      const input = { probe: channel }

      const result = await bridge[channel](input)

      expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(channel, input)
      expect(result).toEqual({ ok: true, value: { channel, input } })
    },
  )

  it('given an unknown event name, when subscribing, then it throws and listens to nothing', async () => {
    const { bridge } = await loadPreload()

    expect(() => bridge.subscribe('store.open' as never, () => {})).toThrow(/Unknown event/)
    expect(() => bridge.subscribe('onAnything' as never, () => {})).toThrow(/Unknown event/)
    expect(electron.ipcRenderer.on).not.toHaveBeenCalledWith('store.open', expect.anything())
    expect(electron.listeners.size).toBe(0)
  })

  it.each(pushEvents)(
    'given a subscription to %s, when main pushes, then the listener gets the payload without the event object',
    async (event) => {
      const { bridge } = await loadPreload()
      const listener = vi.fn()

      bridge.subscribe(event, listener)
      emit(event, { n: 1 })

      expect(listener).toHaveBeenCalledExactlyOnceWith({ n: 1 })
    },
  )

  it('given a subscription, when it is unsubscribed, then later pushes no longer reach the listener', async () => {
    const { bridge } = await loadPreload()
    const listener = vi.fn()
    const other = vi.fn()

    const unsubscribe = bridge.subscribe('onProgress', listener)
    bridge.subscribe('onProgress', other)
    unsubscribe()
    emit('onProgress', { taskId: 't1', task: 't', done: 1, total: null })

    expect(listener).not.toHaveBeenCalled()
    expect(other).toHaveBeenCalledOnce()
    expect(electron.listeners.get('onProgress')).toHaveLength(1)
  })
})
