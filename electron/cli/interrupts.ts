// Ctrl-C and SIGTERM for commands that run a user's code and write nothing (`state --reducer`,
// `project`): the process ends at once, whatever the sandbox is doing, with 130 for Ctrl-C and 143 for
// SIGTERM (128 + the signal, as shells report them). The sandbox runs on a worker thread, so the main
// thread is always free to take the signal; exiting takes the worker down with it.

import type { CliIo } from './cli-io'

const exitCodes = { SIGINT: 130, SIGTERM: 143 } as const

/** Until the returned function is called, Ctrl-C or SIGTERM print `eventscope: <what> cancelled` and exit. */
export function exitOnInterrupt(io: CliIo, what: string): () => void {
  const handlers = (Object.keys(exitCodes) as (keyof typeof exitCodes)[]).map((signal) => {
    const handler = (): void => {
      io.progress?.(null)
      io.err(`eventscope: ${what} cancelled`)
      process.exit(exitCodes[signal])
    }
    process.once(signal, handler)
    return () => process.off(signal, handler)
  })
  return () => {
    for (const off of handlers) off()
  }
}
