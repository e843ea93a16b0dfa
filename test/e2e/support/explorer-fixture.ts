// One running explorer for an E2E file: a generated store in a temp folder, the browser-shell host
// serving the built renderer, and a headless Chromium page on it. Screenshots go to test-results/e2e/.

import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { startWebHost, type WebHost } from '../../../electron/web/web-host'
import { launchChromium } from './chromium'

export const repoRoot = resolve(__dirname, '../../..')
export const rendererDir = join(repoRoot, 'out/renderer')
const screenshotDir = join(repoRoot, 'test-results/e2e')

export interface Explorer {
  readonly page: Page
  readonly host: WebHost
  readonly workDir: string
  /** Errors the page threw; a test ends by asserting there were none. */
  readonly pageErrors: string[]
  screenshot(name: string): Promise<void>
  close(): Promise<void>
}

/** Start the host (optionally on a store) and open a page on it. Fails, never skips, without a build. */
export async function startExplorer(
  options: {
    dir?: string | null
    /** Make the store the host starts on inside the work directory (under the host's root); returns it. */
    store?: (workDir: string) => Promise<string>
    viewport?: { width: number; height: number }
    /** Prepare the page before it loads (an init script, an exposed function). */
    beforeLoad?: (page: Page) => Promise<void>
  } = {},
): Promise<Explorer> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(
      'out/renderer is missing: build first (`npm test` runs `electron-vite build` before the tests)',
    )
  }
  const workDir = await mkdtemp(join(tmpdir(), 'eventscope-e2e-'))
  const dir = options.store ? await options.store(workDir) : (options.dir ?? null)
  const host = await startWebHost({
    dir,
    roots: [workDir],
    rendererDir,
    recentFile: join(workDir, 'recent.json'),
    trustFile: join(workDir, 'trusted.json'),
  })
  let browser: Browser | null = null
  try {
    browser = await launchChromium()
    // A context of its own (not browser.newPage's), so a test can open more tabs in it that share the
    // first one's cookie, as tabs of one browser do.
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 800 },
      acceptDownloads: true,
    })
    const page = await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await options.beforeLoad?.(page)
    await page.goto(host.url)
    await mkdir(screenshotDir, { recursive: true })
    const opened = browser
    return {
      page,
      host,
      workDir,
      pageErrors,
      screenshot: async (name) => {
        await page.screenshot({ path: join(screenshotDir, `${name}.png`) })
      },
      close: async () => {
        await opened.close()
        await host.close()
        await rm(workDir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await browser?.close()
    await host.close()
    throw error
  }
}
