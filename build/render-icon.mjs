#!/usr/bin/env node
// Renders build/icon.svg to build/icon.png (512×512) with headless Chromium.
//
// Run by hand after editing the SVG (`node build/render-icon.mjs`); the PNG is committed because
// electron-builder needs it and packaging machines should not need a browser.

import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const here = dirname(fileURLToPath(import.meta.url))
const size = 512

async function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  const sparticuz = createRequire(import.meta.url)('@sparticuz/chromium')
  return (sparticuz.default ?? sparticuz).executablePath()
}

const svg = readFileSync(join(here, 'icon.svg'), 'utf8')
const browser = await chromium.launch({ executablePath: await chromiumPath() })
try {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 })
  await page.setContent(
    `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`,
  )
  const png = await page.locator('svg').screenshot({ omitBackground: true })
  writeFileSync(join(here, 'icon.png'), png)
  console.log(`wrote ${join(here, 'icon.png')} (${png.length} bytes)`)
} finally {
  await browser.close()
}
