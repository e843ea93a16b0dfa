#!/usr/bin/env node
// `npx eventscope …` from the repository (or a global install): runs the built CLI.
'use strict'

const { existsSync } = require('node:fs')
const { join } = require('node:path')

const cli = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  // `npm install` builds in `prepare`; a checkout that skipped it lands here.
  process.stderr.write('eventscope: not built yet (out/main/cli.js is missing); run `npm run build` first\n')
  process.exit(1)
}
require(cli)
