// The layering rule, fed one forbidden import per forbidden pair of layers, spelled as a relative path
// (the spelling the old text-matching rule let through), through a tsconfig alias, and through every
// import form; and the imports the table allows, so it passes where it should.

import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { RuleTester } from 'eslint'
import tseslint from 'typescript-eslint'
import { describe, expect, it } from 'vitest'
import { layeringRule, layers, type Layer } from '../../../eslint-rules/layering.mjs'

RuleTester.describe = describe
RuleTester.it = it
RuleTester.itOnly = it.only

// The expected arrows, written out here rather than read from the rule, so a wrong table fails.
const expectedMay: Record<Layer, readonly Layer[]> = {
  shared: [],
  renderer: ['shared'],
  preload: ['shared'],
  core: ['shared'],
  main: ['core', 'shared'],
  web: ['core', 'shared'],
  cli: ['core', 'shared'],
}
const allLayers = Object.keys(expectedMay) as Layer[]

// A scratch repository root whose tsconfig defines aliases, so alias resolution is tested too.
const root = mkdtempSync(join(tmpdir(), 'eventscope-layering-'))
writeFileSync(
  join(root, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      baseUrl: '.',
      paths: { '@core/*': ['electron/core/*'], '@main': ['electron/main/index.ts'] },
    },
  }),
)

const dirOf: Record<Layer, string> = {
  shared: 'shared',
  renderer: 'renderer/src/features',
  preload: 'electron/preload',
  core: 'electron/core/store',
  main: 'electron/main',
  web: 'electron/web',
  cli: 'electron/cli/commands',
}
const fileIn = (layer: Layer): string => join(root, dirOf[layer], 'importer.ts')
const targetIn = (layer: Layer): string => join(root, dirOf[layer], 'target.ts')
const relativeTo = (from: string, to: string): string => {
  const path = relative(dirname(from), to).replace(/\.ts$/, '')
  return path.startsWith('.') ? path : `./${path}`
}
const options = [{ root }]
const forbidden = [{ messageId: 'layering' }]

type Case = { code: string; filename: string; options: typeof options; name: string }
type BadCase = Case & { errors: typeof forbidden }

const valid: Case[] = []
const invalid: BadCase[] = []
for (const from of allLayers) {
  for (const to of allLayers) {
    const code = `import { x } from '${relativeTo(fileIn(from), targetIn(to))}'`
    const name = `${from} -> ${to}`
    if (from === to || expectedMay[from].includes(to))
      valid.push({ code, filename: fileIn(from), options, name })
    else invalid.push({ code, filename: fileIn(from), options, name, errors: forbidden })
  }
}

describe('given the table of layers', () => {
  it('when read, then it allows exactly the arrows of STYLE.md', () => {
    for (const layer of allLayers)
      expect([...layers[layer].may].sort()).toEqual([...expectedMay[layer]].sort())
    expect(invalid).toHaveLength(33)
  })
})

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } })

tester.run('layering: one import per pair of layers', layeringRule, { valid, invalid })

tester.run('layering: every way of spelling an import', layeringRule, {
  valid: [
    // Outside every layer (tests, scripts) nothing is checked.
    { code: `import { x } from '../electron/main/index'`, filename: join(root, 'test/a.test.ts'), options },
    { code: `import { app } from 'electron'`, filename: fileIn('main'), options },
    { code: `import { ipcRenderer } from 'electron'`, filename: fileIn('preload'), options },
    { code: `import { readFile } from 'node:fs/promises'`, filename: fileIn('core'), options },
    { code: `import { z } from 'zod'`, filename: fileIn('shared'), options },
    { code: `import pg from 'pg'`, filename: fileIn('core'), options },
    { code: `import Cursor from 'pg-cursor'`, filename: fileIn('core'), options },
    { code: `import { x } from '@core/store/open-store'`, filename: fileIn('main'), options },
    // The preload may take types from the contract: they are erased, so no zod reaches its bundle.
    { code: `import type { Handlers } from '../../shared/contract'`, filename: fileIn('preload'), options },
    { code: `import { type Handlers } from '../../shared/contract'`, filename: fileIn('preload'), options },
    { code: `import { channels } from '../../shared/channels'`, filename: fileIn('preload'), options },
    // The one crossing between shells: the serve command launches the web host.
    {
      code: `import { startWebHost } from '../../web/web-host'`,
      filename: join(root, 'electron/cli/commands/serve-command.ts'),
      options,
    },
  ],
  invalid: [
    {
      code: `import { x } from '@core/store/open-store'`,
      filename: fileIn('shared'),
      options,
      errors: forbidden,
    },
    { code: `import { x } from '@main'`, filename: fileIn('core'), options, errors: forbidden },
    { code: `export { x } from '../../main/x'`, filename: fileIn('core'), options, errors: forbidden },
    { code: `export * from '../../web/x'`, filename: fileIn('core'), options, errors: forbidden },
    { code: `const m = await import('../../cli/x')`, filename: fileIn('core'), options, errors: forbidden },
    { code: `const m = require('../../main/x')`, filename: fileIn('core'), options, errors: forbidden },
    { code: `type T = import('../../main/x').T`, filename: fileIn('core'), options, errors: forbidden },
    {
      code: `import type { T } from './../../core/./x'`,
      filename: fileIn('preload'),
      options,
      errors: forbidden,
    },
    {
      code: `import { x } from '../../../test/support/x'`,
      filename: fileIn('core'),
      options,
      errors: forbidden,
    },
    // The electron package only in main and preload; Node and zod not in the page or the preload.
    ...(['shared', 'renderer', 'core', 'web', 'cli'] as const).map((layer) => ({
      code: `import { app } from 'electron'`,
      filename: fileIn(layer),
      options,
      errors: forbidden,
    })),
    { code: `import { app } from 'electron/main'`, filename: fileIn('core'), options, errors: forbidden },
    { code: `import { readFile } from 'node:fs'`, filename: fileIn('renderer'), options, errors: forbidden },
    { code: `import { readFile } from 'fs'`, filename: fileIn('preload'), options, errors: forbidden },
    { code: `import { z } from 'zod'`, filename: fileIn('renderer'), options, errors: forbidden },
    { code: `import { z } from 'zod'`, filename: fileIn('preload'), options, errors: forbidden },
    // The PostgreSQL client only in the core: every other layer reaches a database through a Source.
    ...(['shared', 'renderer', 'preload', 'main', 'web', 'cli'] as const).map((layer) => ({
      code: `import pg from 'pg'`,
      filename: fileIn(layer),
      options,
      errors: forbidden,
    })),
    { code: `import Cursor from 'pg-cursor'`, filename: fileIn('cli'), options, errors: forbidden },
    {
      code: `import { contract } from '../../shared/contract'`,
      filename: fileIn('preload'),
      options,
      errors: forbidden,
    },
    // Only the serve command, and only the web host's entry, is the launcher crossing.
    { code: `import { x } from '../../web/web-host'`, filename: fileIn('cli'), options, errors: forbidden },
    {
      code: `import { x } from '../../web/downloads'`,
      filename: join(root, 'electron/cli/commands/serve-command.ts'),
      options,
      errors: forbidden,
    },
  ],
})
