import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { App, BrowserWindow, Dialog, OpenDialogReturnValue, SaveDialogReturnValue } from 'electron'
import { createHandlers } from '../../../../electron/core/api/handlers'
import { createRouter } from '../../../../electron/core/api/router'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { createShellServices, safeFileName } from '../../../../electron/main/shell-services'
import type { PasswordVault } from '../../../../electron/core/settings/recent-directories'
import { contract } from '../../../../shared/contract'

function setup(
  answer: OpenDialogReturnValue,
  window: BrowserWindow | null = null,
  saveAnswer: SaveDialogReturnValue = { canceled: true, filePath: '' },
  vault: PasswordVault | null = null,
) {
  const userData = mkdtempSync(join(tmpdir(), 'eventscope-userdata-'))
  const getPath = vi.fn((name: string) => (name === 'downloads' ? '/home/me/Downloads' : userData))
  const app = { getPath, getVersion: () => '1.2.3' } as unknown as Pick<App, 'getPath' | 'getVersion'>
  const showOpenDialog = vi.fn(async () => answer)
  const showSaveDialog = vi.fn(async () => saveAnswer)
  const dialog = { showOpenDialog, showSaveDialog } as unknown as Pick<
    Dialog,
    'showOpenDialog' | 'showSaveDialog'
  >
  const services = createShellServices({
    app,
    dialog,
    initialDir: '/data/events',
    currentWindow: () => window,
    vault,
  })
  return { services, userData, showOpenDialog, showSaveDialog, app }
}

describe('createShellServices', () => {
  it('given the Electron shell, when asked who it is, then it says electron, its version and the launch directory', () => {
    const { services } = setup({ canceled: true, filePaths: [] })

    expect(services).toMatchObject({ shell: 'electron', version: '1.2.3', initialDir: '/data/events' })
    expect(services.pickDirectory).not.toBeNull()
    expect(services.typedPathRefusal).toBeNull()
  })

  it('given a directory is remembered, when recent directories are listed, then it comes first and lives in userData', () => {
    const { services, userData, app } = setup({ canceled: true, filePaths: [] })

    services.rememberDir('/a')
    services.rememberDir('/b')

    expect(app.getPath).toHaveBeenCalledWith('userData')
    expect(services.recentDirs()).toEqual(['/b', '/a'])
    const file = join(userData, 'recent-directories.json')
    expect(existsSync(file)).toBe(true)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(['/b', '/a'])
  })

  it('given a database opened with a password, when remembered, then userData keeps the address without it and the password only as the vault sealed it', () => {
    const vault: PasswordVault = {
      seal: (secret) => `sealed(${secret.length})`,
      unseal: (sealed) => (sealed === 'sealed(6)' ? 's3cret' : null),
    }
    const { services, userData } = setup({ canceled: true, filePaths: [] }, null, undefined, vault)

    services.rememberDir('postgres://app:s3cret@db:5432/shop')

    const text = readFileSync(join(userData, 'recent-directories.json'), 'utf8')
    expect(text).not.toContain('s3cret')
    expect(JSON.parse(text)).toEqual([
      { address: 'postgres://app@db:5432/shop', sealedPassword: 'sealed(6)' },
    ])
    // Main reopens it whole; the page is shown it without the password (directory-ids).
    expect(services.recentDirs()).toEqual(['postgres://app:s3cret@db:5432/shop'])
  })

  it('given a directory is trusted, when a new run asks, then it is still trusted: the choice lives in userData', () => {
    const { services, userData, app } = setup({ canceled: true, filePaths: [] })
    const store = mkdtempSync(join(tmpdir(), 'eventscope-trusted-'))

    services.trustedDirectories?.trust(store)

    const file = join(userData, 'trusted-directories.json')
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([realpathSync(store)])
    const nextRun = createShellServices({
      app,
      dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() } as unknown as Pick<
        Dialog,
        'showOpenDialog' | 'showSaveDialog'
      >,
      initialDir: null,
      currentWindow: () => null,
    })
    expect(nextRun.trustedDirectories?.isTrusted(store)).toBe(true)
    expect(nextRun.trustedDirectories?.isTrusted(userData)).toBe(false)
  })

  it('given an open window, when the user picks a folder, then the dialog is modal to it and only folders can be chosen', async () => {
    const window = {} as BrowserWindow
    const { services, showOpenDialog } = setup({ canceled: false, filePaths: ['/picked'] }, window)

    const dir = await services.pickDirectory?.()

    expect(dir).toBe('/picked')
    expect(showOpenDialog).toHaveBeenCalledExactlyOnceWith(
      window,
      expect.objectContaining({ properties: ['openDirectory'] }),
    )
  })

  it('given the user cancels the dialog, when picking, then there is no directory', async () => {
    const { services } = setup({ canceled: true, filePaths: [] })

    await expect(services.pickDirectory?.()).resolves.toBeNull()
  })

  it('given an export, when the user chooses where to save it, then the save dialog suggests the name in Downloads', async () => {
    const window = {} as BrowserWindow
    const { services, showSaveDialog } = setup({ canceled: true, filePaths: [] }, window, {
      canceled: false,
      filePath: '/home/me/out.jsonl',
    })

    const target = await services.exportTarget?.('order-1.jsonl')

    expect(target).toBe('/home/me/out.jsonl')
    expect(showSaveDialog).toHaveBeenCalledExactlyOnceWith(
      window,
      expect.objectContaining({ defaultPath: '/home/me/Downloads/order-1.jsonl' }),
    )
    expect(services.offerDownload).toBeNull()
  })

  it('given the user cancels the save dialog, when exporting, then there is no target', async () => {
    const { services } = setup({ canceled: true, filePaths: [] })

    await expect(services.exportTarget?.('x.csv')).resolves.toBeNull()
  })

  it('given a typed address without a password, when the page opens it, then main asks in a native dialog naming it and connects nowhere if the user cancels', async () => {
    const window = {} as BrowserWindow
    const showMessageBox = vi.fn(async () => ({ response: 1, checkboxChecked: false }))
    const dialog = { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showMessageBox } as unknown as Pick<
      Dialog,
      'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'
    >
    const userData = mkdtempSync(join(tmpdir(), 'eventscope-userdata-'))
    const app = { getPath: () => userData, getVersion: () => '1' } as unknown as Pick<
      App,
      'getPath' | 'getVersion'
    >
    const services = createShellServices({ app, dialog, initialDir: null, currentWindow: () => window })
    const dispatch = createRouter(createHandlers(new ExplorerSession(), services))

    const declined = await dispatch('store.open', {
      address: 'postgres://app@db.elsewhere.example:5432/shop',
    })

    expect(declined).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'Not connected to postgres://app@db.elsewhere.example:5432/shop: you declined.',
      },
    })
    expect(showMessageBox).toHaveBeenCalledExactlyOnceWith(
      window,
      expect.objectContaining({
        message: 'Connect to postgres://app@db.elsewhere.example:5432/shop?',
        cancelId: 1,
      }),
    )
    expect(services.recentDirs()).toEqual([])
  })

  it('given the user confirms, or the address carries its own password, when asked, then the dialog says yes or is not shown at all', async () => {
    const showMessageBox = vi.fn(async () => ({ response: 0, checkboxChecked: false }))
    const dialog = { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showMessageBox } as unknown as Pick<
      Dialog,
      'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'
    >
    const userData = mkdtempSync(join(tmpdir(), 'eventscope-userdata-'))
    const app = { getPath: () => userData, getVersion: () => '1' } as unknown as Pick<
      App,
      'getPath' | 'getVersion'
    >
    const services = createShellServices({ app, dialog, initialDir: null, currentWindow: () => null })
    const dispatch = createRouter(createHandlers(new ExplorerSession(), services))

    await expect(services.confirmTypedAddress?.('postgres://app@localhost/shop')).resolves.toBe(true)
    expect(showMessageBox).toHaveBeenCalledTimes(1)
    // Its own password: nothing of the user's is lent, so no question (the connection itself fails here).
    const withPassword = await dispatch('store.open', { address: 'postgres://app:pw@127.0.0.1:1/shop' })
    expect(withPassword).toMatchObject({ ok: false })
    expect(JSON.stringify(withPassword)).not.toContain('declined')
    expect(showMessageBox).toHaveBeenCalledTimes(1)
  })

  it("given a dialog without a message box, when a typed address would lend the user's credentials, then it is declined", async () => {
    const { services } = setup({ canceled: true, filePaths: [] })

    await expect(services.confirmTypedAddress?.('postgres://app@localhost/shop')).resolves.toBe(false)
  })

  it('given a suggested name built from hostile aggregate ids, when made safe, then it cannot leave the folder', () => {
    expect(safeFileName('../../etc/passwd')).toBe('__.._etc_passwd')
    expect(safeFileName('a\\b:c*?.csv')).toBe('a_b_c__.csv')
    expect(safeFileName('')).toBe('export')
    expect(safeFileName('x'.repeat(500))).toHaveLength(200)
  })
})

/** A real store directory with one event. */
function storeDir(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'eventscope-store-')))
  writeFileSync(join(dir, 'a.events.jsonl'), '{"event_type": "T", "aggregate_id": "a", "n": 1}\n')
  return dir
}

describe('the Electron shell services behind the router', () => {
  /** The dispatcher main builds, over a fake dialog that answers `picked`. */
  function electronDispatch(initialDir: string | null, picked: string | null) {
    const userData = mkdtempSync(join(tmpdir(), 'eventscope-userdata-'))
    const app = {
      getPath: () => userData,
      getVersion: () => '1.2.3',
    } as unknown as Pick<App, 'getPath' | 'getVersion'>
    const dialog = {
      showOpenDialog: vi.fn(async () => ({ canceled: picked === null, filePaths: picked ? [picked] : [] })),
      showSaveDialog: vi.fn(),
    } as unknown as Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>
    const session = new ExplorerSession()
    const services = createShellServices({ app, dialog, initialDir, currentWindow: () => null })
    return { dispatch: createRouter(createHandlers(session, services)), session, services }
  }

  it('given a raw path, even one the user picked before, when store.open is asked, then it is refused and nothing opens', async () => {
    const store = storeDir()
    const { dispatch, session } = electronDispatch(store, store)
    await dispatch('store.pickDirectory', {})

    const result = await dispatch('store.open', { dir: store })

    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden', message: /never a typed path/ } })
    expect(() => session.storeDir()).toThrow()
    session.close()
  })

  it('given a forged id, when store.open is asked, then it is forbidden', async () => {
    const { dispatch, session } = electronDispatch(storeDir(), null)

    expect(await dispatch('store.open', { directoryId: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    session.close()
  })

  it('given the folder picked in the dialog, when its id is opened, then the store opens and only its path is remembered, never the id', async () => {
    const store = storeDir()
    const { dispatch, session, services } = electronDispatch(null, store)

    const picked = await dispatch('store.pickDirectory', {})
    const id = picked.ok ? contract['store.pickDirectory'].output.parse(picked.value)?.id : undefined
    const opened = await dispatch('store.open', { directoryId: id })

    expect(opened).toMatchObject({ ok: true, value: { dir: store, directoryId: id, aggregates: 1 } })
    expect(services.recentDirs()).toEqual([store])
    expect(JSON.stringify(services.recentDirs())).not.toContain(id)
    session.close()
  })

  it('given the launch directory, when app.info is asked and its id opened, then the store opens', async () => {
    const store = storeDir()
    const { dispatch, session } = electronDispatch(store, null)

    const info = await dispatch('app.info', {})
    const id = info.ok ? contract['app.info'].output.parse(info.value).initialDir?.id : undefined

    expect(info).toMatchObject({ ok: true, value: { initialDir: { path: store }, canTypePath: false } })
    expect(await dispatch('store.open', { directoryId: id })).toMatchObject({
      ok: true,
      value: { dir: store },
    })
    session.close()
  })
})
