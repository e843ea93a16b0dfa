// Finds a Chromium for the E2E tests without downloading one: $CHROMIUM_PATH, then a system Chromium or
// Chrome, then the browser shipped inside the @sparticuz/chromium npm package.

import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

const systemBrowsers = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
]

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** The path of the browser to drive, and where it came from. */
export async function findChromium(): Promise<{ path: string; source: string }> {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH points to ${fromEnv}, which does not exist`)
    return { path: fromEnv, source: 'CHROMIUM_PATH' }
  }
  const system = systemBrowsers.find((path) => existsSync(path))
  if (system) return { path: system, source: 'system' }
  const packaged = (await import('@sparticuz/chromium')).default
  return { path: await packaged.executablePath(), source: '@sparticuz/chromium' }
}

/** Launch headless Chromium with the flags this closed network needs. */
export async function launchChromium(): Promise<Browser> {
  const { path } = await findChromium()
  return chromium.launch({ executablePath: path, headless: true, args: chromiumArgs })
}
