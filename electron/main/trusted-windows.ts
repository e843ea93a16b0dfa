// The set of webContents that belong to our windows: the only senders IPC answers and the only
// receivers of push events.

import type { IpcMainInvokeEvent, WebContents } from 'electron'
import { isAppUrl } from './app-protocol'

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>

export class TrustedWindows {
  readonly #contents = new Map<number, WebContents>()

  /** Trust a window's contents until they are destroyed. */
  add(contents: WebContents): void {
    const id = contents.id
    this.#contents.set(id, contents)
    contents.once('destroyed', () => this.#contents.delete(id))
  }

  /** Whether an IPC call comes from the main frame of one of our windows, showing our own page. */
  isTrustedSender(event: SenderEvent): boolean {
    // Ids, not object identity: Electron may hand out distinct wrapper objects for the same contents.
    if (!this.#contents.has(event.sender.id)) return false
    // senderFrame is null when the frame navigated or was destroyed since it sent the message; a frame
    // without a parent is the top frame of the sending contents.
    const frame = event.senderFrame
    if (frame === null || frame.parent !== null) return false
    return isAppUrl(frame.url)
  }

  /** The live contents of our windows. */
  all(): WebContents[] {
    return [...this.#contents.values()].filter((contents) => !contents.isDestroyed())
  }
}
