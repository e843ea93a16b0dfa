// Where a spawned `eventscope serve --json` listens: the first line it prints, read once. Shared by
// the tests that run the real browser-shell host as a whole process.

import type { ChildProcessWithoutNullStreams } from 'node:child_process'

/** The `{url, port}` serve prints first; rejects with its stderr if it exits before that. */
export function serveAddress(
  child: ChildProcessWithoutNullStreams,
  stderr: () => string,
): Promise<{ url: string; port: number }> {
  return new Promise((resolve, reject) => {
    let stdout = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      if (stdout.includes('\n')) resolve(JSON.parse(stdout.slice(0, stdout.indexOf('\n'))))
    })
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr()}`)))
  })
}
