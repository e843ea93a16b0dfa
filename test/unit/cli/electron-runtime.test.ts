import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findElectronBinary, type RuntimeProbe } from '../../../electron/cli/electron-runtime'

const root = '/app'
const pkg = join(root, 'node_modules', 'electron')

function probe(files: Record<string, string>, env: NodeJS.ProcessEnv = {}): RuntimeProbe {
  return { exists: (path) => path in files, read: (path) => files[path] ?? '', env }
}

describe('findElectronBinary', () => {
  it('given path.txt and the binary it names, when probed, then that binary is used', () => {
    const files = { [join(pkg, 'path.txt')]: 'electron\n', [join(pkg, 'dist', 'electron')]: '' }
    expect(findElectronBinary(root, probe(files))).toBe(join(pkg, 'dist', 'electron'))
  })

  it('given path.txt but no downloaded binary, when probed, then there is no runtime (and nothing is downloaded)', () => {
    expect(findElectronBinary(root, probe({ [join(pkg, 'path.txt')]: 'electron' }))).toBeNull()
  })

  it('given no path.txt, when probed, then there is no runtime', () => {
    expect(findElectronBinary(root, probe({}))).toBeNull()
  })

  it('given ELECTRON_OVERRIDE_DIST_PATH, when probed, then the binary is looked for there', () => {
    const files = { [join(pkg, 'path.txt')]: 'electron', ['/opt/electron/electron']: '' }
    expect(findElectronBinary(root, probe(files, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }))).toBe(
      '/opt/electron/electron',
    )
  })
})
