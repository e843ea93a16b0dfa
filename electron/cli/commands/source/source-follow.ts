// `eventscope events postgres://… AGGREGATE_ID --follow`: after the stream's events, each new one as
// it is appended, until Ctrl-C (exit 0: following ends only that way).
//
// The source's watch says when (Emmett's layout: polling the message sequence each half second,
// emmett-watch.ts); what to print is always read from the stream itself, every version after the
// last one printed, so a change reported twice prints nothing twice and one reported late is still
// printed in order. Reading starts again once the watch knows where the store is (onReady), so an
// event appended while the command started is printed, never missed.

import type { Source, SourceEvent, StreamSummary } from '../../../core/source/source'
import { CliError } from '../../cli-error'
import type { CliIo } from '../../cli-io'

/** Rows read per catch-up query. */
const catchUpBatch = 1000

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
  let lastError = ''
  let queue = Promise.resolve()
  const catchUp = (): void => {
    queue = queue
      .then(async () => {
        for (;;) {
          const events = await source.readEvents(stream.id, printed, catchUpBatch)
          if (events.length === 0) return
          await print(events)
          printed = (events.at(-1) as SourceEvent).version
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
      // A look that failed is said once per kind of failure; watching goes on (the server may return).
      onError: (error) => {
        const line = error instanceof Error ? error.message : String(error)
        if (line !== lastError) io.err(`eventscope: following ${stream.id}: ${line}`)
        lastError = line
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
