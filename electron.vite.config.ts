import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// Three bundles: Node code (Electron main, CLI, browser-shell host share one build so they share one
// core), the sandboxed preload (one CommonJS file, no npm imports at run time), and the renderer.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Dependencies stay npm's (loaded from node_modules at run time), and so does the optional
      // better-sqlite3: a machine where its native build failed still builds and runs eventscope, and
      // opening a SQLite store says in one line that SQLite support is not installed (open-database.ts).
      externalizeDeps: { include: ['better-sqlite3'] },
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          cli: resolve('electron/cli/index.ts'),
          // Heavy reading off the main thread: resolved next to the bundle at run time.
          'stream-worker': resolve('electron/core/worker/stream-worker.ts'),
          // Reducers and projections from the user, each in a worker the host can terminate.
          'sandbox-worker': resolve('electron/core/sandbox/sandbox-worker.ts'),
          // The benchmark runner's door into the core (npm run bench); not loaded by the app.
          bench: resolve('test/bench/bench-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
})
