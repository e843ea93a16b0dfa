// Minimal stand-ins for Electron's WebContents and frames, enough for the trust checks.

import type { IpcMainInvokeEvent, WebContents } from 'electron'

export interface FakeFrame {
  url: string
  parent: FakeFrame | null
}

export interface FakeContents {
  readonly id: number
  readonly mainFrame: FakeFrame
  readonly sent: Array<[string, unknown]>
  destroyed: boolean
  readonly onDestroyed: Array<() => void>
}

let nextId = 1

/** A webContents showing `url` in its main frame. */
export function fakeContents(url = 'app://eventscope/index.html'): FakeContents {
  return { id: nextId++, mainFrame: { url, parent: null }, sent: [], destroyed: false, onDestroyed: [] }
}

/** View a fake as Electron's WebContents. */
export function asWebContents(fake: FakeContents): WebContents {
  return {
    id: fake.id,
    mainFrame: fake.mainFrame,
    isDestroyed: () => fake.destroyed,
    send: (channel: string, payload: unknown) => fake.sent.push([channel, payload]),
    once: (name: string, listener: () => void) => {
      if (name === 'destroyed') fake.onDestroyed.push(listener)
    },
  } as unknown as WebContents
}

/** An IPC event as if sent by `frame` of `contents`. */
export function invokeEvent(contents: WebContents, frame: FakeFrame | null): IpcMainInvokeEvent {
  return { sender: contents, senderFrame: frame } as unknown as IpcMainInvokeEvent
}
