import { describe, expect, it, vi } from 'vitest'
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  HandlerDetails,
  WindowOpenHandlerResponse,
} from 'electron'
import { createMainWindow } from '../../../../electron/main/window-factory'

type Listener = (...args: unknown[]) => void

class FakeWindow {
  static created: FakeWindow[] = []
  readonly listeners = new Map<string, Listener>()
  readonly contentsListeners = new Map<string, Listener>()
  openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null
  readonly loadURL = vi.fn(async (_url: string) => {})
  readonly loadFile = vi.fn(async (_file: string) => {})
  readonly show = vi.fn()
  readonly webContents = {
    id: 7,
    on: (name: string, listener: Listener) => this.contentsListeners.set(name, listener),
    setWindowOpenHandler: (handler: (details: HandlerDetails) => WindowOpenHandlerResponse) => {
      this.openHandler = handler
    },
  }

  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeWindow.created.push(this)
  }

  once(name: string, listener: Listener): void {
    this.listeners.set(name, listener)
  }

  isDestroyed(): boolean {
    return false
  }
}

function create() {
  FakeWindow.created = []
  const openExternal = vi.fn(async (_url: string) => {})
  createMainWindow({
    BrowserWindow: FakeWindow as unknown as new (options: BrowserWindowConstructorOptions) => BrowserWindow,
    openExternal,
    preloadPath: '/app/out/preload/index.cjs',
  })
  const window = FakeWindow.created[0]
  if (!window) throw new Error('no window created')
  const navigate = (name: string, url: string) => {
    const event = { preventDefault: vi.fn() }
    window.contentsListeners.get(name)?.(event, url)
    return event
  }
  const open = (url: string) => window.openHandler?.({ url } as HandlerDetails)
  return { window, openExternal, navigate, open }
}

describe('createMainWindow', () => {
  it('given the factory, when it creates the window, then the web preferences are the secure ones', () => {
    const { window } = create()

    expect(FakeWindow.created).toHaveLength(1)
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    })
    expect(window.options.show).toBe(false)
  })

  it('given the window, when it loads, then it loads our own page and nothing remote', () => {
    const { window } = create()

    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith('app://eventscope/index.html')
    expect(window.loadFile).not.toHaveBeenCalled()
  })

  it('given the window is ready, when ready-to-show fires, then it is shown', () => {
    const { window } = create()

    window.listeners.get('ready-to-show')?.()

    expect(window.show).toHaveBeenCalledOnce()
  })

  it('given the page, when it tries to navigate anywhere, then navigation is prevented', () => {
    const { navigate, openExternal } = create()

    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://eventscope/other.html']) {
      expect(navigate('will-navigate', url).preventDefault).toHaveBeenCalledOnce()
    }
    expect(navigate('will-redirect', 'https://evil.example/').preventDefault).toHaveBeenCalledOnce()
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('given the page, when it follows an allowlisted https link, then it stays put and the link opens outside', () => {
    const { navigate, openExternal } = create()

    const event = navigate('will-navigate', 'https://github.com/eventscope')

    expect(event.preventDefault).toHaveBeenCalledOnce()
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://github.com/eventscope')
  })

  it('given the page, when it calls window.open, then the new window is denied and only allowlisted https opens outside', () => {
    const { open, openExternal } = create()

    expect(open('https://evil.example/')).toEqual({ action: 'deny' })
    expect(open('http://github.com/')).toEqual({ action: 'deny' })
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' })
    expect(openExternal).not.toHaveBeenCalled()

    expect(open('https://github.com/')).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://github.com/')
  })

  it('given the page, when a webview tries to attach, then it is prevented', () => {
    const { navigate } = create()

    expect(navigate('will-attach-webview', '').preventDefault).toHaveBeenCalledOnce()
  })
})
