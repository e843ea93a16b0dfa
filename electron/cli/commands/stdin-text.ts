// Reading what was piped to the CLI.

import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import { CliError } from '../cli-error'
import type { CliIo } from '../cli-io'

/** All of stdin as UTF-8 text. */
export async function readStdinText(io: CliIo): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of requireStdin(io))
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return Buffer.concat(chunks).toString('utf8')
}

/** Stdin line by line (LF or CRLF), without holding more than a line. */
export function stdinLines(io: CliIo): AsyncIterable<string> {
  return createInterface({ input: Readable.from(requireStdin(io)), crlfDelay: Infinity })
}

function requireStdin(io: CliIo): AsyncIterable<string | Buffer> {
  if (!io.stdin) throw new CliError('there is no standard input to read from')
  return io.stdin()
}
