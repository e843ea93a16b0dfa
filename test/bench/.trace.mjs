/* global document, window, MutationObserver */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
export async function uiOpenTrace(core, { storeDir, rendererDir }, launchChromium) {
  const { realpathSync } = await import('node:fs')
  const work = await mkdtemp(join(tmpdir(), 'eventscope-bench-ui-'))
  const host = await core.startWebHost({
    dir: null,
    roots: [realpathSync(storeDir), storeDir],
    rendererDir,
    recentFile: join(work, 'recent.json'),
    trustFile: join(work, 'trusted.json'),
  })
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    let sentAt = null
    let answerMs = null
    page.on('websocket', (ws) => {
      ws.on('framesent', (frame) => {
        if (sentAt !== null || String(frame.payload).includes('"store.open"')) console.log('>>', (performance.now() - (sentAt ?? performance.now())).toFixed(0), String(frame.payload).slice(0, 120))
        if (String(frame.payload).includes('"store.open"')) sentAt = performance.now()
      })
      ws.on('framereceived', (frame) => {
        if (sentAt !== null) console.log('<<', (performance.now() - sentAt).toFixed(0), String(frame.payload).length, String(frame.payload).slice(0, 100))
        if (sentAt !== null && answerMs === null && String(frame.payload).includes('"directoryId"'))
          answerMs = performance.now() - sentAt
      })
    })
    await page.goto(host.url)
    const path = page.getByLabel('Events directory')
    await path.fill(storeDir)
    await page.evaluate(() => {
      const w = window
      w.__bench = {}
      document.addEventListener(
        'keydown',
        (e) => void (e.key === 'Enter' && (w.__bench.enter ??= performance.now())),
        true,
      )
      const look = () => {
        const now = performance.now()
        if (
          w.__bench.rows === undefined &&
          document.querySelectorAll('[role=grid][aria-label=Aggregates] [role=row]').length > 2
        )
          w.__bench.rows = now
        if (
          w.__bench.checked === undefined &&
          [...document.querySelectorAll('.fact')].some((el) => el.textContent === 'reconciled')
        )
          w.__bench.checked = now
      }
      new MutationObserver(look).observe(document.body, {
        childList: true,
        subtree: true,
        characterData: true,
      })
    })
    await path.press('Enter')
    const grid = page.getByRole('grid', { name: 'Aggregates' })
    await grid.getByRole('row').nth(2).waitFor({ timeout: 120000 })
    await page.getByText('reconciled', { exact: true }).waitFor({ timeout: 600000 })
    const marks = await page.evaluate(() => window.__bench)
    return { rowsMs: marks.rows - marks.enter, checkedMs: marks.checked - marks.enter, answerMs }
  } finally {
    await browser.close()
    await host.close()
    await rm(work, { recursive: true, force: true })
  }
}
