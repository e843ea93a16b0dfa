#!/usr/bin/env node
// The `eventscope` command: hands over to the built CLI (out/main/cli.js).
'use strict'
// CommonJS on purpose: package.json has no "type", and the CLI bundle is CommonJS too.
/* eslint-disable @typescript-eslint/no-require-imports */

const { existsSync } = require('node:fs')
const { join } = require('node:path')

const cli = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  console.error('eventscope is not built yet: run npm run build')
  process.exit(1)
}
require(cli)
