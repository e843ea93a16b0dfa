// `eventscope [open] [DIR]`: the Electron app, or the browser shell when the runtime is missing.

import { spawn } from 'node:child_process'
import { appLink, parsePlace } from '../../../shared/place-link'
import type { AppPaths } from '../app-paths'
import type { CliIo } from '../cli-io'
import { findElectronBinary } from '../electron-runtime'
import { existingDirectory } from './existing-directory'
import { runServe } from './serve-command'

/**
 * Run the desktop app on DIR in the foreground; its exit code is ours. `place` (link text, at an
 * aggregate) goes to the app as an eventscope:// link, or into the browser shell's URL.
 */
export async function runOpen(
  command: { dir: string | null; place?: string | null; json: boolean },
  io: CliIo,
  paths: AppPaths,
): Promise<number> {
  const dir = command.dir === null ? null : existingDirectory(command.dir)
  const binary = findElectronBinary(paths.root)
  if (binary === null) {
    io.err(
      'eventscope: the Electron runtime is not installed (node_modules/electron has no binary); starting the browser shell instead.',
    )
    return runServe(
      { dir, roots: [], port: 0, host: '127.0.0.1', json: command.json, initialPlace: command.place ?? null },
      io,
      paths,
    )
  }
  const env = { ...process.env }
  // Set by some tools; it would make the binary run our app as a plain Node script.
  delete env.ELECTRON_RUN_AS_NODE
  const parsed = dir !== null && command.place ? parsePlace(command.place) : null
  const target = parsed?.ok && dir !== null ? appLink(dir, parsed.place) : dir
  return runForeground(binary, [paths.root, ...(target === null ? [] : [target])], env, io)
}

function runForeground(command: string, args: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { stdio: 'inherit', env })
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
    const forward = (signal: NodeJS.Signals) => (): void => {
      if (child.exitCode === null) child.kill(signal)
    }
    const handlers = signals.map((signal) => [signal, forward(signal)] as const)
    for (const [signal, handler] of handlers) process.on(signal, handler)
    const done = (code: number): void => {
      for (const [signal, handler] of handlers) process.off(signal, handler)
      resolvePromise(code)
    }
    child.on('error', (error) => {
      io.err(`eventscope: could not start Electron: ${error.message}`)
      done(1)
    })
    child.on('exit', (code, signal) => done(code ?? (signal === 'SIGINT' ? 130 : 1)))
  })
}
