// The Node versions eventscope declares (package.json `engines`) are ones every installed dependency
// accepts, and the README names the same range: `npm install` on a declared version warns about nothing.

import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import semver from 'semver'
import { describe, expect, it } from 'vitest'

const repoRoot = resolve(import.meta.dirname, '../../../..')
const read = (file: string): string => readFileSync(join(repoRoot, file), 'utf8')
const declared = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node

describe('the Node versions eventscope declares', () => {
  it('given package-lock.json, when every package that names a Node range is checked, then the declared range lies inside each', () => {
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { engines?: { node?: string } | string[] }>
    }
    const refusing = Object.entries(lock.packages)
      .filter(([name]) => name !== '')
      .flatMap(([name, info]) => {
        const range = Array.isArray(info.engines) ? undefined : info.engines?.node
        return range && !semver.subset(declared, range) ? [`${name} wants ${range}`] : []
      })
    expect(refusing).toEqual([])
  })

  it('given the README, when it names the Node needed, then it is the declared range', () => {
    expect(read('README.md')).toContain(`Node ${declared}`)
  })
})
