#!/usr/bin/env node
// `npm start [-- DIR]`: build if needed, pick a store (DIR, or a generated sample), then run the Electron
// app on it, or the browser shell when no Electron runtime can be had.
//
// Self-contained on purpose (plain Node, no dependencies): it must work before anything is built.

import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const installTimeoutMs = 60_000

/** The files a run needs; if one is missing, build. */
export function missingBuildOutputs(root) {
  return ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html'].filter(
    (file) => !existsSync(join(root, file)),
  )
}

/** Options of `eventscope serve` that take a value: that value is never the store directory. */
const valuedOptions = new Set(['--root', '--port', '--host'])

/**
 * Split `npm start -- …` arguments into the store directory named (if any) and the options passed on
 * to the browser shell (`--root DIR`, `--port N`, `--host H`, also as `--root=DIR`).
 */
export function parseStartArgs(args) {
  const positional = []
  const serveOptions = []
  for (let at = 0; at < args.length; at++) {
    const arg = args[at]
    if (valuedOptions.has(arg)) {
      if (at + 1 < args.length) serveOptions.push(arg, args[++at])
    } else if (arg.startsWith('-')) {
      if (valuedOptions.has(arg.split('=')[0])) serveOptions.push(arg)
    } else positional.push(arg)
  }
  return { positional, serveOptions, hasRoot: serveOptions.some((arg) => arg.split('=')[0] === '--root') }
}

/**
 * The store to open: the directory argument, else the sample store, else (with `--root` and no
 * directory) none: the browser shell then opens what is typed under the roots, never a root itself.
 */
export function chooseStoreDir(root, args, cwd = process.cwd()) {
  const { positional, hasRoot } = parseStartArgs(args)
  const given = positional[0]
  if (given === undefined)
    return hasRoot ? { dir: null, sample: false } : { dir: join(root, '.eventscope-sample'), sample: true }
  return { dir: resolve(cwd, given), sample: false }
}

/** The Electron executable `node_modules/electron` points at, or null when its binary is absent. */
export function electronBinary(root, env = process.env) {
  const pkg = join(root, 'node_modules', 'electron')
  const pathFile = join(pkg, 'path.txt')
  if (!existsSync(pathFile)) return null
  // Mirrors node_modules/electron/index.js, without its side effect of downloading when absent.
  const relative = readFileSync(pathFile, 'utf8').trim()
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron')
    : join(pkg, 'dist', relative)
  return existsSync(binary) ? binary : null
}

/** Try once to download the Electron runtime; true when it is there afterwards. */
export function tryInstallElectron(root, timeoutMs = installTimeoutMs) {
  const installer = join(root, 'node_modules', 'electron', 'install.js')
  if (!existsSync(installer)) return false
  spawnSync(process.execPath, [installer], { cwd: root, stdio: 'ignore', timeout: timeoutMs })
  return electronBinary(root) !== null
}

/** Run a child in the foreground, forwarding Ctrl-C and termination; resolves with its exit code. */
export function runForeground(command, args, options = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options })
    const forward = (signal) => () => {
      if (child.exitCode === null) child.kill(signal)
    }
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP']
    const handlers = signals.map((signal) => [signal, forward(signal)])
    for (const [signal, handler] of handlers) process.on(signal, handler)
    const done = (code) => {
      for (const [signal, handler] of handlers) process.off(signal, handler)
      resolvePromise(code)
    }
    child.on('error', (error) => {
      console.error(`eventscope: could not start ${command}: ${error.message}`)
      done(1)
    })
    child.on('exit', (code, signal) => done(code ?? (signal ? 128 + signalNumber(signal) : 1)))
  })
}

function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal] ?? 1
}

function run(command, args, what) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(`eventscope: ${what} failed.`)
    process.exit(result.status ?? 1)
  }
}

function isDirectory(path) {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

async function main() {
  const missing = missingBuildOutputs(repoRoot)
  if (missing.length > 0) {
    console.log(`Building eventscope (missing ${missing.join(', ')})…`)
    // `npx electron-vite build`, minus npx: spawning npx.cmd on Windows needs a shell.
    const electronVite = join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
    run(process.execPath, [electronVite, 'build'], 'the build')
  }

  const cli = join(repoRoot, 'out', 'main', 'cli.js')
  const { dir, sample } = chooseStoreDir(repoRoot, process.argv.slice(2))
  if (sample && !existsSync(join(dir, 'index.json'))) {
    // A half-written sample from an interrupted run is ours to replace.
    rmSync(dir, { recursive: true, force: true })
    console.log(`Generating a sample store in ${dir}…`)
    const args = ['gen', dir, '--aggregates', '60', '--events', '1500', '--seed', '1']
    run(process.execPath, [cli, ...args], 'generating the sample store')
  } else if (dir !== null && !sample && !isDirectory(dir)) {
    console.error(`eventscope: ${dir} is not a directory.`)
    process.exit(2)
  }

  const forceBrowser = process.env.EVENTSCOPE_SHELL === 'browser'
  let electron = forceBrowser ? null : electronBinary(repoRoot)
  if (electron === null && !forceBrowser && tryInstallElectron(repoRoot)) electron = electronBinary(repoRoot)

  let code
  if (electron !== null) {
    const env = { ...process.env }
    delete env.ELECTRON_RUN_AS_NODE
    code = await runForeground(electron, dir === null ? [repoRoot] : [repoRoot, dir], { cwd: repoRoot, env })
  } else {
    console.log(
      forceBrowser
        ? 'Starting the browser shell (EVENTSCOPE_SHELL=browser).'
        : 'Electron runtime not available (download failed); starting the browser shell instead.',
    )
    const { serveOptions } = parseStartArgs(process.argv.slice(2))
    const serveArgs = ['serve', ...(dir === null ? [] : [dir]), ...serveOptions]
    code = await runForeground(process.execPath, [cli, ...serveArgs], { cwd: repoRoot })
  }
  process.exit(code)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main()
}
