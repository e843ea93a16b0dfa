// `eventscope [open] [DIR]`: the Electron app, or the browser shell when the runtime is missing. DIR
// may be a database address (`postgres://…`).

import { spawn } from 'node:child_process'
import { appLink, parsePlace } from '../../../shared/place-link'
import { isDatabaseAddress } from '../../../shared/store-address'
import { splitPassword } from '../../core/settings/address-password'
import type { AppPaths } from '../app-paths'
import { CliError } from '../cli-error'
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
  const database = command.dir !== null && isDatabaseAddress(command.dir)
  const dir = command.dir === null || database ? command.dir : existingDirectory(command.dir)
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
  if (database && dir !== null) {
    // A desktop link (eventscope://) names a directory; the browser shell's place works on any store.
    if (command.place)
      throw new CliError(
        '--aggregate opens a database store only in the browser shell (eventscope serve ADDRESS); the desktop app opens it at its list',
        2,
        'usage',
      )
    return runForeground(binary, [paths.root, databaseArgument(dir, env)], env, io)
  }
  const parsed = dir !== null && command.place ? parsePlace(command.place) : null
  const target = parsed?.ok && dir !== null ? appLink(dir, parsed.place) : dir
  return runForeground(binary, [paths.root, ...(target === null ? [] : [target])], env, io)
}

/**
 * The address the app is started with, its password moved into PGPASSWORD of the app's environment:
 * a process's arguments can be read by every user of the machine (ps), its environment cannot. The
 * app connects with libpq's variables like the CLI does, so nothing else changes.
 */
function databaseArgument(address: string, env: NodeJS.ProcessEnv): string {
  const { shown, password } = splitPassword(address)
  if (password !== null) env.PGPASSWORD = password
  return shown
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
