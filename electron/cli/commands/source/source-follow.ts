// `eventscope events postgres://… AGGREGATE_ID --follow`: after the stream's events, each new one as
// it is appended, until Ctrl-C (exit 0). A database that goes away (server stopped) is said in one
// line on stderr and looked for again every half second; when it is back, one line says so and the
// events appended meanwhile are printed. A SQLite file removed or replaced ends it: one line, exit 1.
//
// The source's watch says when (Emmett's layout: polling the message sequence each half second,
// emmett-watch.ts); what to print is always read from the stream itself, every version after the
// last one printed, so a change reported twice prints nothing twice and one reported late is still
// printed in order. Reading starts again once the watch knows where the store is (onReady), so an
// event appended while the command started is printed, never missed.

import type { Source, SourceEvent, StreamSummary } from '../../../core/source/source'
import { CliError } from '../../cli-error'
import type { CliIo } from '../../cli-io'

/** Follow `stream` after version `after`, printing with `print`, until SIGINT or SIGTERM. */
export async function followStream(
  source: Source,
  stream: StreamSummary,
  after: number,
  print: (events: readonly SourceEvent[]) => Promise<void>,
  io: CliIo,
): Promise<void> {
  if (!source.watch)
    throw new CliError(
      source.capabilities.note ?? `${source.displayName} cannot be followed`,
      1,
      'unsupported',
    )
  let printed = after
  let failed: unknown = null
  // Whether the database is away: said once when it goes, once when it is back.
  let lost = false
  const paused = (error: unknown): void => {
    if (!lost)
      io.err(
        `eventscope: following ${stream.id} paused: ${messageOf(error)}; trying again until it is back (Ctrl-C stops)`,
      )
    lost = true
  }
  let queue = Promise.resolve()
  const resumed = (): void => {
    if (lost) io.err(`eventscope: following ${stream.id} again`)
    lost = false
  }
  const catchUp = (): void => {
    queue = queue
      .then(async () => {
        // Every row after the last version printed, by the stream's cursor: past any versions the
        // store holds no row for (truncated, archived), which a window of versions would stop at. A
        // read that fails is the database going away too: the watch's next look that succeeds reads
        // again from the last version printed. Only the read's failure pauses: one in printing (a closed
        // pipe) ends the command.
        const rows = source.streamEvents(stream.id, printed)[Symbol.asyncIterator]()
        try {
          for (;;) {
            const next = await rows.next().catch((error: unknown) => {
              paused(error)
              return null
            })
            if (next === null) return
            resumed()
            if (next.done === true) return
            if (next.value.length === 0) continue
            await print(next.value)
            printed = (next.value.at(-1) as SourceEvent).version
          }
        } finally {
          // Closes the cursor when printing failed; a cursor the database dropped has nothing to close.
          await Promise.resolve(rows.return?.()).catch(() => undefined)
        }
      })
      .catch((error: unknown) => {
        failed = error
        wake()
      })
  }
  let wake: () => void = () => undefined
  const stopped = new Promise<void>((resolve) => {
    wake = resolve
  })
  const signals = ['SIGINT', 'SIGTERM'] as const
  for (const signal of signals) process.once(signal, wake)
  const unwatch = source.watch(
    (change) => {
      if (change.streamId === stream.id && change.version > printed) catchUp()
    },
    {
      onReady: catchUp,
      // The database went away (stopped, unreachable): said once, and watching goes on, so following
      // picks up again, with what was appended meanwhile, when the server is back.
      onError: paused,
      onResumed: catchUp,
      // A source that cannot go on (a SQLite file removed): one line, and the command fails.
      onEnded: (error) => {
        failed = new CliError(`following ${stream.id} stopped: ${messageOf(error)}`, 1, 'io_error')
        wake()
      },
    },
  )
  try {
    await stopped
  } finally {
    for (const signal of signals) process.off(signal, wake)
    unwatch()
    await queue
  }
  if (failed !== null) throw failed
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '')
}
