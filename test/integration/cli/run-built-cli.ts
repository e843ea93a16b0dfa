// Runs the built CLI (out/main/cli.js) as a user would, in a child process.

import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

export const repoRoot = resolve(import.meta.dirname, '../../..')
export const builtCli = resolve(repoRoot, 'out/main/cli.js')

export interface CliRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Fail (never skip) when the CLI has not been built: `npm test` builds before testing. */
export function requireBuiltCli(): void {
  if (!existsSync(builtCli)) {
    throw new Error(
      `${builtCli} is missing: build first with \`npm run build\` (\`npm test\` builds before testing).`,
    )
  }
}

/** Run `node out/main/cli.js ...args` to completion. */
export function runCli(
  args: readonly string[],
  options: {
    env?: NodeJS.ProcessEnv
    cwd?: string
    input?: string
    /** Run as another user (uid/gid; root only), e.g. to meet a folder the user may not read. */
    spawn?: { uid?: number; gid?: number }
  } = {},
): Promise<CliRun> {
  requireBuiltCli()
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [builtCli, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, EVENTSCOPE_DEBUG: '', ...options.env },
      ...options.spawn,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.stdin.on('error', () => {}) // a command that never reads stdin may exit before it is written
    child.stdin.end(options.input ?? '')
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }))
  })
}

/** Run a command expected to succeed with --json and parse its stdout. */
export async function runJson<T = Record<string, unknown>>(args: readonly string[]): Promise<T> {
  const run = await runCli([...args, '--json'])
  if (run.code !== 0) throw new Error(`eventscope ${args.join(' ')} exited ${run.code}: ${run.stderr}`)
  return JSON.parse(run.stdout) as T
}

/** The shapes of the --json documents, as the help documents them. */
export interface ListDoc {
  dir: string
  style: Record<string, unknown> | null
  index: 'ok' | 'missing' | 'unreadable'
  total_events: number
  indexed_total_events: number | null
  aggregates: {
    id: string
    event_count: number | null
    last_event_at: string | null
    type: string | null
    indexed_count: number | null
    status: string
    issues: string[]
  }[]
  problems: { kind: string; severity: string; line: number | null; message: string }[]
}

export interface EventsDoc {
  aggregateId: string
  eventCount: number
  from: number
  events: {
    version: number
    line: number
    type: string | null
    occurredAt: string | null
    id: string | null
    payload: Record<string, unknown>
    metadata: Record<string, unknown> | null
    raw: string
  }[]
  problems: { kind: string; line: number | null; message: string }[]
  problemCount: number
}

export interface StateDoc {
  aggregateId: string
  version: number
  eventCount: number
  state: unknown
}

/** What every failure must look like: exactly one line on stderr, prefixed, with no stack trace. */
export function oneLineError(run: CliRun): string {
  const lines = run.stderr.split('\n').filter((line) => line !== '')
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got ${lines.length}:\n${run.stderr}`)
  const [line] = lines as [string]
  // With --json the one line is {"error": {"code", "message"}}: its message is the same text.
  if (line.startsWith('{')) {
    const { error } = JSON.parse(line) as { error?: { code?: unknown; message?: unknown } }
    if (typeof error?.code !== 'string' || typeof error.message !== 'string')
      throw new Error(`stderr is JSON but not {"error": {"code", "message"}}: ${line}`)
    return `eventscope: ${error.message}`
  }
  if (!line.startsWith('eventscope: ')) throw new Error(`stderr does not start with "eventscope: ": ${line}`)
  // A frame of our own code names a path (`/…/out/main/cli.js:12`); a user's reducer or projection
  // location is a bare file name (`bank.js:12:5`), which the message is meant to carry.
  if (/\n\s+at /.test(run.stderr) || /[\\/][^\s()]*\.(ts|js|mjs|cjs):\d+/.test(line))
    throw new Error(`stderr looks like a stack trace: ${run.stderr}`)
  return line
}
