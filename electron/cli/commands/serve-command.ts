// `eventscope serve [DIR]`: the browser shell on loopback, until interrupted. DIR may be a database
// address (`postgres://…`), which the page then opens first.

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { addressWithoutPassword, isDatabaseAddress } from '../../../shared/store-address'
import { startWebHost, type WebHost } from '../../web/web-host'
import type { AppPaths } from '../app-paths'
import { CliError } from '../cli-error'
import type { CliIo } from '../cli-io'
import { existingDirectory } from './existing-directory'
import { applyCachePreference } from './cache-switch'

export interface ServeCommand {
  readonly dir: string | null
  readonly roots: readonly string[]
  readonly port: number
  readonly host: string
  readonly json: boolean
  /** The place in DIR the page opens at, as link text (`eventscope open DIR --aggregate ID --at N`). */
  readonly initialPlace?: string | null
}

/** Start the browser-shell host, print its URL, and serve until SIGINT, SIGTERM or SIGHUP. */
export async function runServe(command: ServeCommand, io: CliIo, paths: AppPaths): Promise<number> {
  applyCachePreference(false)
  // A database address is handed to the host whole (it connects with it); every line printed names
  // it without its password.
  const dir =
    command.dir === null
      ? null
      : isDatabaseAddress(command.dir)
        ? command.dir
        : existingDirectory(command.dir)
  const shown = dir === null ? null : addressWithoutPassword(dir)
  if (!existsSync(join(paths.rendererDir, 'index.html'))) {
    throw new CliError(
      `the browser shell is not built (${join(paths.rendererDir, 'index.html')} is missing); run npm run build`,
    )
  }
  let host: WebHost
  try {
    host = await startWebHost({
      dir,
      roots: command.roots.map(existingDirectory),
      port: command.port,
      host: command.host,
      rendererDir: paths.rendererDir,
      version: paths.version,
      initialPlace: command.initialPlace ?? null,
      log: (message) => io.err(`eventscope: ${message}`),
    })
  } catch (error) {
    throw listenFailure(error, command)
  }
  if (command.json) await io.out(`${JSON.stringify({ url: host.url, port: host.port, dir: shown })}\n`)
  else
    await io.out(
      `eventscope is serving ${shown ?? 'no store yet'} at\n\n  ${host.url}\n\nOpen it in a browser on this machine. Press Ctrl-C to stop.\n`,
    )
  await untilInterrupted()
  await host.close()
  return 0
}

function listenFailure(error: unknown, command: ServeCommand): unknown {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EADDRINUSE')
    return new CliError(
      `port ${command.port} on ${command.host} is in use; choose another with --port, or --port 0 for any free port`,
    )
  if (code === 'EACCES')
    return new CliError(`not allowed to listen on port ${command.port}; choose a port above 1023`)
  if (code === 'EADDRNOTAVAIL')
    return new CliError(`${command.host} is not available on this machine; try --host 127.0.0.1`)
  return error
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolvePromise) => {
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
    const stop = (): void => {
      for (const signal of signals) process.off(signal, stop)
      resolvePromise()
    }
    for (const signal of signals) process.on(signal, stop)
  })
}
