#!/usr/bin/env node
// `npm run security-scan`: Electronegativity over the Electron sources and the page they load. Fails on a
// finding that docs/security-scan.md does not list with a reason.
//
// The scanner is installed on first use into node_modules/.cache (it drags in old eslint and typescript
// versions, so it stays out of the project's dependencies).

import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const version = '1.10.3'
const cache = join(root, 'node_modules', '.cache', `electronegativity-${version}`)
const scanner = join(cache, 'node_modules', '.bin', 'electronegativity')
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version

if (!existsSync(scanner)) {
  mkdirSync(cache, { recursive: true })
  console.log(`installing @doyensec/electronegativity@${version} into ${cache}`)
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      cache,
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      `@doyensec/electronegativity@${version}`,
    ],
    {
      stdio: 'inherit',
    },
  )
}

// Scan a copy holding exactly what ships: the Electron sources and the renderer's HTML with its CSP.
const stage = mkdtempSync(join(tmpdir(), 'eventscope-scan-'))
try {
  cpSync(join(root, 'electron'), join(stage, 'electron'), { recursive: true })
  mkdirSync(join(stage, 'renderer'))
  cpSync(join(root, 'renderer/index.html'), join(stage, 'renderer/index.html'))
  // SARIF, one JSON document written at once: the scanner's CSV is written as a header and the rows
  // by two writes it does not order, and once in CI the header landed over the first row.
  const report = join(stage, 'report.sarif')
  execFileSync(
    scanner,
    ['-i', stage, '-r', '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck', '-o', report],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  const findings = JSON.parse(readFileSync(report, 'utf8')).runs[0].results.map((result) => {
    const { artifactLocation, region } = result.locations[0].physicalLocation
    return {
      check: result.ruleId,
      level: result.level,
      file: artifactLocation.uri,
      location: `${region.startLine}:${region.startColumn}`,
    }
  })
  const accepted = new Set(
    readFileSync(join(root, 'docs/security-scan.md'), 'utf8')
      .split('\n')
      .filter((line) => /^\| [A-Z_]+ \|/.test(line))
      .map((line) => line.split('|').map((cell) => cell.trim()))
      .map((cells) => `${cells[1]} ${cells[2]}`),
  )
  const unexplained = findings.filter((finding) => !accepted.has(`${finding.check} ${finding.file}`))
  for (const finding of findings) {
    const mark = unexplained.includes(finding) ? 'NEW ' : 'ok  '
    console.log(`${mark} ${finding.check} ${finding.level} ${finding.file}:${finding.location}`)
  }
  if (unexplained.length > 0) {
    console.error(`security-scan: ${unexplained.length} finding(s) not explained in docs/security-scan.md`)
    process.exit(1)
  }
  console.log(`security-scan: ${findings.length} finding(s), all explained in docs/security-scan.md`)
} finally {
  rmSync(stage, { recursive: true, force: true })
}
