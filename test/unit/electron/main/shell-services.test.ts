import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { App, BrowserWindow, Dialog, OpenDialogReturnValue } from 'electron'
import { createShellServices } from '../../../../electron/main/shell-services'

function setup(answer: OpenDialogReturnValue, window: BrowserWindow | null = null) {
  const userData = mkdtempSync(join(tmpdir(), 'eventscope-userdata-'))
  const app = { getPath: vi.fn(() => userData), getVersion: () => '1.2.3' } as unknown as Pick<
    App,
    'getPath' | 'getVersion'
  >
  const showOpenDialog = vi.fn(async () => answer)
  const dialog = { showOpenDialog } as unknown as Pick<Dialog, 'showOpenDialog'>
  const services = createShellServices({
    app,
    dialog,
    initialDir: '/data/events',
    currentWindow: () => window,
  })
  return { services, userData, showOpenDialog, app }
}

describe('createShellServices', () => {
  it('given the Electron shell, when asked who it is, then it says electron, its version and the launch directory', () => {
    const { services } = setup({ canceled: true, filePaths: [] })

    expect(services).toMatchObject({ shell: 'electron', version: '1.2.3', initialDir: '/data/events' })
    expect(services.pickDirectory).not.toBeNull()
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
})
