import { createRequire } from 'node:module'
const core = createRequire(import.meta.url)('../../out/main/bench.js')
const dir = process.argv[2]
for (let r = 0; r < (+process.env.RUNS||3); r++) {
  const s = new core.ExplorerSession()
  const t0 = performance.now()
  const summary = await s.open(dir, { pageFirst: true })
  const t1 = performance.now()
  const w = s.aggregatesWindow ? await s.aggregatesWindow({ offset: 0, limit: 60, sort: { column: 'id', direction: 'asc' }, filter: '' }) : null
  const t2 = performance.now()
  console.log('open', (t1 - t0).toFixed(0), 'window', (t2 - t1).toFixed(0), w?.rows?.length)
  s.close?.()
  await new Promise(r => setTimeout(r, 300))
}
process.exit(0)
