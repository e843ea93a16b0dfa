// Loads a built bundle (out/main/index.js or out/preload/index.cjs) in plain Node with a fake `electron`
// module that records what the bundle does, exercises what it registered, and prints a JSON report.
//
// Usage: node fake-electron-runner.cjs main|preload <bundle> [userDataDir] [initialDir]
'use strict'
// CommonJS on purpose: it hooks Module._load, which only require() goes through.
/* eslint-disable @typescript-eslint/no-require-imports */

const Module = require('node:module')
const path = require('node:path')

const [mode, bundle, userData, initialDir] = process.argv.slice(2)

const report = {
  windows: [],
  handles: [],
  privilegedSchemes: [],
  protocolSchemes: [],
  permissionRequestDenied: null,
  permissionCheckDenied: null,
  appEvents: [],
  sandboxEnabled: false,
  quitCalls: 0,
  exitCodes: [],
  openedExternally: [],
  exposed: [],
  errors: [],
}

function emitter() {
  const listeners = new Map()
  return {
    on(name, fn) {
      listeners.set(name, [...(listeners.get(name) || []), fn])
      return this
    },
    once(name, fn) {
      return this.on(name, fn)
    },
    emit(name, ...args) {
      for (const fn of listeners.get(name) || []) fn(...args)
    },
    names: () => [...listeners.keys()],
  }
}

let nextId = 1
const windows = []
class BrowserWindow {
  constructor(options) {
    const events = emitter()
    this.events = events
    this.on = (n, f) => events.on(n, f)
    this.once = (n, f) => events.once(n, f)
    this.options = options
    this.record = { options: JSON.parse(JSON.stringify(options)), loadURL: [], loadFile: [], shown: false }
    const contentsEvents = emitter()
    this.webContents = {
      id: nextId++,
      mainFrame: { url: '', parent: null },
      on: (n, f) => contentsEvents.on(n, f),
      once: (n, f) => contentsEvents.once(n, f),
      emit: (n, ...a) => contentsEvents.emit(n, ...a),
      setWindowOpenHandler: (fn) => {
        this.openHandler = fn
      },
      send: (...args) => (this.sent = [...(this.sent || []), args]),
      isDestroyed: () => false,
    }
    windows.push(this)
    report.windows.push(this.record)
  }
  loadURL(url) {
    this.record.loadURL.push(url)
    this.webContents.mainFrame.url = url
    return Promise.resolve()
  }
  loadFile(file) {
    this.record.loadFile.push(file)
    return Promise.resolve()
  }
  show() {
    this.record.shown = true
  }
  isDestroyed() {
    return false
  }
  isMinimized() {
    return false
  }
  restore() {}
  focus() {}
}

const appEvents = emitter()
const handlers = new Map()
const protocolHandlers = new Map()
let permissionRequest = null
let permissionCheck = null

const fakeElectron = {
  app: {
    on: (n, f) => appEvents.on(n, f),
    once: (n, f) => appEvents.once(n, f),
    whenReady: () => Promise.resolve(),
    isReady: () => true,
    requestSingleInstanceLock: () => true,
    enableSandbox: () => {
      report.sandboxEnabled = true
    },
    getPath: (name) => {
      if (name !== 'userData' && name !== 'downloads') throw new Error(`unexpected getPath(${name})`)
      return userData
    },
    getVersion: () => '0.0.0-smoke',
    getName: () => 'eventscope',
    isPackaged: false,
    quit: () => {
      report.quitCalls += 1
    },
    exit: (code) => report.exitCodes.push(code),
  },
  BrowserWindow,
  ipcMain: {
    handle: (channel, fn) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      handlers.set(channel, fn)
    },
    removeHandler: (channel) => handlers.delete(channel),
    on: () => {},
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes) => report.privilegedSchemes.push(...schemes),
    handle: (scheme, fn) => protocolHandlers.set(scheme, fn),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn) => (permissionRequest = fn),
      setPermissionCheckHandler: (fn) => (permissionCheck = fn),
      webRequest: { onHeadersReceived: () => {} },
    },
  },
  dialog: {
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: true, filePath: '' }),
  },
  shell: { openExternal: async (url) => report.openedExternally.push(url) },
  Menu: {
    setApplicationMenu: (menu) => (appMenu = menu),
    buildFromTemplate: (template) => ({ template }),
  },
  contextBridge: { exposeInMainWorld: (name, api) => report.exposed.push({ name, keys: Object.keys(api) }) },
  ipcRenderer: { invoke: async () => ({ ok: true }), on: () => {}, removeListener: () => {} },
}

/** The application menu the bundle set: `{ template }`, as the fake buildFromTemplate made it. */
let appMenu = null

const originalLoad = Module._load
const requested = new Set()
Module._load = function load(request, parent, isMain) {
  if (parent && parent.filename === path.resolve(bundle)) requested.add(request)
  if (request === 'electron') return fakeElectron
  return originalLoad.call(this, request, parent, isMain)
}

async function settle(predicate, ms = 3000) {
  const start = Date.now()
  while (!predicate() && Date.now() - start < ms) await new Promise((r) => setTimeout(r, 10))
}

async function runMain() {
  process.defaultApp = true
  process.argv = [process.execPath, path.resolve(bundle, '../../..'), '--some-flag', initialDir]
  require(path.resolve(bundle))
  await settle(() => windows.length > 0 && handlers.size > 0)

  report.handles = [...handlers.keys()]
  report.protocolSchemes = [...protocolHandlers.keys()]
  report.appEvents = appEvents.names()
  const win = windows[0]
  if (!win) return

  const trustedEvent = { sender: win.webContents, senderFrame: win.webContents.mainFrame }
  const strangerContents = { id: 999, mainFrame: { url: 'app://eventscope/index.html', parent: null } }
  const call = (channel, event, input) => {
    const fn = handlers.get(channel)
    return fn ? fn(event, input) : Promise.resolve({ missing: channel })
  }
  report.calls = {
    trustedInfo: await call('app.info', trustedEvent, {}),
    strangerInfo: await call(
      'app.info',
      { sender: strangerContents, senderFrame: strangerContents.mainFrame },
      {},
    ),
    malformedOpen: await call('store.open', trustedEvent, { dir: 42 }),
    rawPathOpen: await call('store.open', trustedEvent, { dir: initialDir }),
    forgedIdOpen: await call('store.open', trustedEvent, {
      directoryId: '00000000-0000-4000-8000-000000000000',
    }),
  }
  const initialId = report.calls.trustedInfo?.value?.initialDir?.id
  report.calls.initialIdOpen = await call('store.open', trustedEvent, { directoryId: initialId })

  // The application menu: the ids of its items, and what choosing one sends to the window.
  const items = []
  const walk = (list) => {
    for (const item of list || []) {
      items.push(item)
      if (Array.isArray(item.submenu)) walk(item.submenu)
    }
  }
  walk(appMenu && appMenu.template)
  report.menuIds = items.filter((item) => item.id).map((item) => item.id)
  const shortcuts = items.find((item) => item.id === 'showShortcuts')
  if (shortcuts) shortcuts.click()
  report.menuSent = (win.sent || []).filter(([event]) => event === 'onCommand')

  if (process.env.EVENTSCOPE_PROBE_SANDBOX)
    await probeSandbox(call, trustedEvent, JSON.parse(process.env.EVENTSCOPE_PROBE_SANDBOX))

  const serve = protocolHandlers.get('app')
  if (serve) {
    const response = await serve(new Request('app://eventscope/index.html'))
    report.page = {
      status: response.status,
      contentType: response.headers.get('content-type'),
      csp: response.headers.get('content-security-policy'),
      body: await response.text(),
    }
  }

  const navigation = {
    prevented: false,
    preventDefault() {
      this.prevented = true
    },
  }
  win.webContents.emit('will-navigate', navigation, 'https://evil.example/')
  report.navigationPrevented = navigation.prevented
  report.windowOpen = win.openHandler ? win.openHandler({ url: 'https://evil.example/' }) : null
  const webview = {
    prevented: false,
    preventDefault() {
      this.prevented = true
    },
  }
  win.webContents.emit('will-attach-webview', webview, {}, {})
  report.webviewPrevented = webview.prevented

  if (permissionRequest)
    permissionRequest(win.webContents, 'media', (granted) => (report.permissionRequestDenied = !granted), {})
  if (permissionCheck)
    report.permissionCheckDenied = permissionCheck(win.webContents, 'media', 'app://eventscope', {}) === false

  const quitting = {
    prevented: false,
    preventDefault() {
      this.prevented = true
    },
  }
  appEvents.emit('before-quit', quitting)
  await settle(() => report.quitCalls > 0)
  report.quitPreventedForCleanup = quitting.prevented
}

// The main process while a trusted store's reducers try to outrun the sandbox (sandbox-main-thread.test.ts):
// each state.at is asked while app.info is asked again and again on the same thread; the slowest
// answer and the longest stall of this thread's event loop are recorded.
async function probeSandbox(call, event, aggregateIds) {
  report.sandbox = { trusted: await call('store.trust', event, { trusted: true }), runs: [] }
  for (const aggregateId of aggregateIds) {
    let last = Date.now()
    let stallMs = 0
    const timer = setInterval(() => {
      const now = Date.now()
      stallMs = Math.max(stallMs, now - last)
      last = now
    }, 5)
    const began = Date.now()
    let done = false
    const answer = call('state.at', event, { aggregateId, version: 5 }).finally(() => (done = true))
    let slowestMs = 0
    let asked = 0
    while (!done) {
      const asking = Date.now()
      await call('app.info', event, {})
      slowestMs = Math.max(slowestMs, Date.now() - asking)
      asked += 1
      await new Promise((r) => setTimeout(r, 20))
    }
    clearInterval(timer)
    report.sandbox.runs.push({
      aggregateId,
      answer: await answer,
      ms: Date.now() - began,
      stallMs,
      slowestMs,
      asked,
    })
  }
  report.sandbox.maxRssBytes = process.resourceUsage().maxRSS * 1024
}

async function runPreload() {
  require(path.resolve(bundle))
}

;(mode === 'main' ? runMain() : runPreload())
  .catch((error) => report.errors.push(String(error && error.stack ? error.stack : error)))
  .finally(() => {
    report.requires = [...requested].sort()
    process.stdout.write(`\n@@REPORT@@${JSON.stringify(report)}\n`)
    process.exit(0)
  })
