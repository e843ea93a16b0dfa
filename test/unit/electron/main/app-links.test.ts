// eventscope:// links in the desktop shell's main process, with Electron's app replaced by a recording
// fake: which links are followed, how the app registers the scheme, and what reaches `follow`.

import { describe, expect, it, vi } from 'vitest'
import type { App } from 'electron'
import {
  appLinkFromArgv,
  appLinkTarget,
  listenForAppLinks,
  type AppLinkTarget,
} from '../../../../electron/main/app-links'
import { appLink, emptyPlace } from '../../../../shared/place-link'

const dirs = new Set(['/home/me/shop'])
const isDirectory = (path: string) => dirs.has(path)
const link = appLink('/home/me/shop', { ...emptyPlace, aggregateId: 'order-1', version: 3, eventId: 'evt-3' })

/** A stand-in for Electron's app: records its listeners and the scheme it registers. */
function fakeApp(isPackaged: boolean) {
  const listeners = new Map<string, (...args: unknown[]) => void>()
  const registered: string[] = []
  const app = {
    isPackaged,
    on: (name: string, listener: (...args: unknown[]) => void) => {
      listeners.set(name, listener)
      return app
    },
    setAsDefaultProtocolClient: (scheme: string) => {
      registered.push(scheme)
      return true
    },
  }
  const emit = (name: string, ...args: unknown[]) => listeners.get(name)?.(...args)
  return {
    app: app as unknown as Pick<App, 'on' | 'setAsDefaultProtocolClient' | 'isPackaged'>,
    emit,
    registered,
  }
}

function listening(isPackaged = true) {
  const fake = fakeApp(isPackaged)
  const followed: AppLinkTarget[] = []
  const log = vi.fn()
  listenForAppLinks({ app: fake.app, isDirectory, follow: (target) => followed.push(target), log })
  return { ...fake, followed, log }
}

describe('appLinkTarget', () => {
  it('given a link to a store directory, when read, then it gives the directory and the rest of the place', () => {
    expect(appLinkTarget(link, isDirectory)).toEqual({
      dir: '/home/me/shop',
      place: '/aggregate/order-1/at/3?event=evt-3',
    })
  })

  it.each([
    ['another scheme', 'https://open/path/%2Fhome%2Fme%2Fshop', 'does not start with eventscope://'],
    ['no store', 'eventscope://open/aggregate/order-1', 'names no store'],
    ['a relative path', 'eventscope://open/path/shop', 'not an absolute path'],
    ['a path that is no directory', 'eventscope://open/path/%2Fetc%2Fpasswd', 'not a directory here'],
    [
      'a part that is no place',
      'eventscope://open/path/%2Fhome%2Fme%2Fshop/rm/-rf',
      'is not a part of a place',
    ],
  ])('given %s, when read, then it is refused in one line', (_, url, reason) => {
    const target = appLinkTarget(url, isDirectory)
    expect(target).toEqual({ error: expect.stringContaining(reason) })
  })
})

describe('appLinkFromArgv', () => {
  it('given `electron . LINK` (eventscope open DIR --aggregate ID), when read, then the link is the start', () => {
    expect(appLinkFromArgv(['/bin/electron', '/work/app', link], isDirectory)).toMatchObject({
      dir: '/home/me/shop',
    })
  })

  it('given no link or only one that cannot be followed, when read, then there is none', () => {
    expect(appLinkFromArgv(['/bin/electron', '/work/app', '/home/me/shop'], isDirectory)).toBeNull()
    expect(appLinkFromArgv(['/opt/eventscope', 'eventscope://open/path/%2Fnope'], isDirectory)).toBeNull()
  })
})

describe('listenForAppLinks', () => {
  it('given the packaged app, when it listens, then it registers itself for eventscope://; a development run does not', () => {
    expect(listening(true).registered).toEqual(['eventscope'])
    expect(listening(false).registered).toEqual([])
  })

  it('given macOS hands a link over (open-url), when it arrives, then the default is prevented and the place is followed', () => {
    const { emit, followed } = listening()
    const event = { preventDefault: vi.fn() }

    emit('open-url', event, link)

    expect(event.preventDefault).toHaveBeenCalled()
    expect(followed).toEqual([{ dir: '/home/me/shop', place: '/aggregate/order-1/at/3?event=evt-3' }])
  })

  it('given a second instance started with a link (Windows, Linux), when it arrives, then the running app follows it', () => {
    const { emit, followed } = listening()

    emit('second-instance', {}, ['/opt/eventscope/eventscope', '--no-sandbox', link], '/')
    emit('second-instance', {}, ['/opt/eventscope/eventscope'], '/')

    expect(followed).toHaveLength(1)
  })

  it('given a link to something that is no directory here, when it arrives, then nothing is followed and one line is logged', () => {
    const { emit, followed, log } = listening()

    emit('open-url', { preventDefault: () => {} }, 'eventscope://open/path/%2Fetc%2Fshadow/aggregate/x')

    expect(followed).toEqual([])
    expect(log).toHaveBeenCalledWith(
      expect.stringMatching(/^eventscope: ignoring a link: .*not a directory here/),
    )
  })
})
