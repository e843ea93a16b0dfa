import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const wrapper = resolve(import.meta.dirname, '../../../../bin/eventscope.js')

function fakeInstall(built: boolean): string {
  const root = mkdtempSync(join(tmpdir(), 'eventscope-bin-'))
  mkdirSync(join(root, 'bin'))
  copyFileSync(wrapper, join(root, 'bin', 'eventscope.js'))
  if (built) {
    mkdirSync(join(root, 'out', 'main'), { recursive: true })
    writeFileSync(join(root, 'out/main/cli.js'), "console.log('cli ' + process.argv.slice(2).join(' '))\n")
  }
  return root
}

describe('bin/eventscope.js', () => {
  it('given a built CLI, when run, then it hands the arguments to out/main/cli.js', async () => {
    const root = fakeInstall(true)

    const { stdout } = await promisify(execFile)(process.execPath, [
      join(root, 'bin/eventscope.js'),
      'verify',
      '/x',
    ])

    expect(stdout.trim()).toBe('cli verify /x')
  })

  it('given no build, when run, then it prints one line saying to build and exits 1', async () => {
    const root = fakeInstall(false)

    const failure = await promisify(execFile)(process.execPath, [join(root, 'bin/eventscope.js')]).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    )

    expect(failure).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'eventscope is not built yet: run npm run build\n',
    })
  })
})
