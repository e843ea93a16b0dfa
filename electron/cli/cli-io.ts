// Where the CLI writes: stdout for results (with backpressure, so a million events piped to a slow
// reader do not pile up in memory), stderr for the one-line errors and notices.

import { cacheWritesSettled } from '../core/scan-cache/cache-writes'
import { visibleControls, visibleLine } from './format/visible-controls'

export interface CliIo {
  /**
   * Write results (text, or UTF-8 bytes); resolves when the stream can take more. Bytes go out as
   * they are: their maker escapes the control characters in them (format/table.ts).
   */
  out(text: string | Uint8Array): Promise<void>
  /** One line for the user on stderr (a notice or an error), newline added. */
  err(line: string): void
  /** What was piped in (`--data -`, `append --batch`); absent where there is no stdin. */
  readonly stdin?: () => AsyncIterable<string | Buffer>
  /** A progress line redrawn in place on an interactive stderr, null to clear it; absent otherwise. */
  readonly progress?: (line: string | null) => void
}

/**
 * The process's own stdout and stderr, every string through visibleControls: a store's control
 * characters reach the terminal as escapes, whichever command printed them. A closed pipe (`eventscope events … | head`) ends quietly, once
 * the scan cache's writes under way are done (a `list` into a fresh cache starts them before printing).
 */
export function processIo(): CliIo {
  let closed = false
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    if (closed) return
    closed = true
    // The command waits on its output forever (no 'drain' comes): ending is this handler's job.
    void cacheWritesSettled().then(() => process.exit(0))
  })
  return {
    out: (text) =>
      new Promise<void>((resolve) => {
        if (process.stdout.write(typeof text === 'string' ? visibleControls(text) : text)) resolve()
        else process.stdout.once('drain', resolve)
      }),
    err: (line) => {
      process.stderr.write(`${visibleLine(line)}\n`)
    },
    stdin: () => process.stdin,
    ...(process.stderr.isTTY
      ? { progress: (line: string | null) => process.stderr.write(`\r\x1b[K${visibleLine(line ?? '')}`) }
      : {}),
  }
}
