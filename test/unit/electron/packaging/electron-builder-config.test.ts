import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appLinkScheme } from '../../../../shared/place-link'

const root = resolve(import.meta.dirname, '../../../..')
// electron-builder's own loader and schema validator: what `npm run dist` would read, and how it checks it.
const require = createRequire(join(root, 'package.json'))
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Record<string, any>> // eslint-disable-line @typescript-eslint/no-explicit-any
  validateConfiguration(config: unknown, logger: unknown): Promise<void>
}
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }

const config = await getConfig(root, null, null)

describe('electron-builder.yml', () => {
  it('given the config, when electron-builder validates it against its schema, then it passes', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('given the config, when read, then it names the app and packs only the built output', () => {
    expect(config.appId).toBe('dev.eventscope.app')
    expect(config.productName).toBe('eventscope')
    expect(config.directories).toMatchObject({ output: 'dist', buildResources: 'build' })
    // The loader normalizes `files` to file sets: [{ filter: [...] }].
    const patterns = (config.files as Array<string | { filter: string[] }>).flatMap((set) =>
      typeof set === 'string' ? [set] : set.filter,
    )
    expect(patterns).toEqual([
      'out/**',
      'package.json',
      '!out/**/*.map',
      '!out/main/bench.js',
      // The tests' SQLite fixture writers: optional dependencies only so `npm install` never fails.
      '!node_modules/sqlite3{,/**}',
      '!node_modules/@event-driven-io/emmett-sqlite{,/**}',
    ])
    expect(config.asar).not.toBe(false)
  })

  it('given the config, when read, then every hardening fuse is flipped', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('given the config, when read, then the packaged app registers the eventscope:// scheme its links use', () => {
    expect(config.protocols).toEqual([{ name: 'eventscope link', schemes: [appLinkScheme] }])
  })

  it('given the config, when read, then it targets AppImage and deb, dmg, and nsis', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toEqual(['dmg'])
    expect(config.win.target).toEqual(['nsis'])
  })

  it('given the icon each platform names, when read, then it is a 512×512 PNG in build/', () => {
    for (const platform of ['linux', 'mac', 'win']) {
      const icon = join(root, config[platform].icon as string)
      expect(existsSync(icon)).toBe(true)
      const png = readFileSync(icon)
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512])
    }
  })

  it('given package.json, when the packaged app starts, then its main field points at the built main bundle', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string }
    expect(pkg.main).toBe('out/main/index.js')
  })
})
