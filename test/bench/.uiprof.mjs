import { createRequire } from 'node:module'
import { uiOpenTrace as uiOpen } from './.trace.mjs'
import { launchChromium } from './bench-cases.mjs'
const core = createRequire(import.meta.url)(process.env.BENCHJS ?? '../../out/main/bench.js')
const r = await uiOpen(core, { storeDir: process.argv[2], rendererDir: process.env.RENDERER ?? new URL('../../out/renderer', import.meta.url).pathname }, launchChromium)
console.log(JSON.stringify(r))
process.exit(0)
