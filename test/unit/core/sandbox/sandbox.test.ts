import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadQuickJs } from '../../../../electron/core/sandbox/quickjs'
import { Sandbox, type SandboxSource } from '../../../../electron/core/sandbox/sandbox'
import { runClock } from '../../../../electron/core/sandbox/run-clock'
import { SandboxError } from '../../../../electron/core/sandbox/sandbox-error'
import { defaultSandboxLimits } from '../../../../electron/core/sandbox/sandbox-limits'

// The inside of the sandbox worker, run in-process: the limits QuickJS enforces itself. What the host
// enforces from outside (terminating the worker) is tested in sandbox-escapes.test.ts.

// A glue that runs the module's `run()` and returns its result as JSON.
const glue = String.raw`(function (ns, checkJson) {
  return { run() { return JSON.stringify(checkJson(ns.run(), 'result')) } }
})`

async function load(spec: Omit<SandboxSource, 'names'>): Promise<Sandbox> {
  return Sandbox.create(await loadQuickJs(defaultSandboxLimits.memoryBytes), { ...spec, names: ['run'] })
}

const opened: Sandbox[] = []

async function sandboxOf(body: string, limits = {}): Promise<Sandbox> {
  const sandbox = await load({
    source: `export function run() {\n${body}\n}`,
    fileName: 'probe.js',
    glue,
    limits,
  })
  opened.push(sandbox)
  return sandbox
}

function failureOf(action: () => unknown): SandboxError {
  try {
    action()
  } catch (error) {
    if (error instanceof SandboxError) return error
    throw error
  }
  throw new Error('expected a SandboxError')
}

describe('Sandbox', () => {
  afterEach(() => {
    for (const sandbox of opened.splice(0)) sandbox.dispose()
  })

  it('given a module, when a function is called, then its JSON result comes back as text', async () => {
    const sandbox = await sandboxOf('return { sum: [1, 2, 3].reduce((a, b) => a + b, 0) }')

    expect(sandbox.call('run')).toBe('{"sum":6}')
  })

  it('given an endless loop, when called, then it is stopped by the time limit', async () => {
    const sandbox = await sandboxOf('while (true) {}', { callMs: 50 })

    const error = failureOf(() => sandbox.call('run'))

    expect(error.kind).toBe('timeout')
    expect(error.message).toMatch(/time limit/)
  })

  it('given calls that waited for a core (the wall clock past their limit at every look, little CPU time spent), when they run, then they finish; an endless loop is still stopped', async () => {
    const sandbox = await sandboxOf('let sum = 0; for (let i = 0; i < 20000; i++) sum += i; return { sum }', {
      callMs: 50,
    })
    const looping = await sandboxOf('while (true) {}', { callMs: 50 })
    let starvedMs = 0
    const wall = vi.spyOn(runClock, 'wallMs').mockImplementation(() => Date.now() + (starvedMs += 10_000))
    // The CPU clock moves 1 ms a look: the process's own clock also counts its other threads (the
    // WebAssembly compiler's, the test runner's), which on a busy machine ran past 50 ms during a call.
    let ranMs = 0
    const cpu = vi.spyOn(runClock, 'cpuMs').mockImplementation(() => (ranMs += 1))

    try {
      for (let i = 0; i < 20; i++) expect(sandbox.call('run')).toBe('{"sum":199990000}')
      const lookedBeforeTheLoop = ranMs
      expect(failureOf(() => looping.call('run')).kind).toBe('timeout')
      expect(wall).toHaveBeenCalled()
      // Stopped by the CPU clock: once it had moved past the limit since the call began.
      expect(ranMs - lookedBeforeTheLoop).toBeGreaterThan(50)
    } finally {
      wall.mockRestore()
      cpu.mockRestore()
    }
  })

  it('given a huge allocation, when called, then it is stopped by the memory limit', async () => {
    const sandbox = await sandboxOf('const keep = []; while (true) keep.push({ n: keep.length })', {
      memoryBytes: 8 * 1024 * 1024,
      callMs: 20_000,
    })

    expect(failureOf(() => sandbox.call('run')).kind).toBe('memory')
  })

  it('given endless recursion, when called, then it is stopped with a stack overflow', async () => {
    const sandbox = await sandboxOf('const f = (n) => f(n + 1) + 1; return f(0)')

    expect(failureOf(() => sandbox.call('run')).kind).toBe('stack')
  })

  it.each([
    ['process', 'return process.env'],
    ['require', "return require('fs')"],
    ['fetch', "return fetch('http://example.com')"],
    ['globalThis.constructor tricks', "return globalThis.constructor.constructor('return process')().pid"],
    ['Function constructor', "return Function('return this')().process.pid"],
    ['setTimeout', 'return setTimeout(() => {}, 1)'],
  ])('given code reaching for %s, when called, then it finds nothing of the host', async (_name, body) => {
    const sandbox = await sandboxOf(body)

    const error = failureOf(() => sandbox.call('run'))

    expect(error.kind).toBe('threw')
    expect(error.message).toMatch(/not defined|not a function|undefined|cannot read/i)
  })

  it('given a module importing a Node built-in, when loaded, then loading fails with a clear error', async () => {
    const error = await load({
      source: "import fs from 'fs'\nexport const x = 1",
      fileName: 'bad.js',
      glue,
    }).then(
      () => null,
      (failure: unknown) => failure,
    )

    expect(error).toBeInstanceOf(SandboxError)
    expect((error as SandboxError).kind).toBe('load')
  })

  it('given code that throws, when called, then the error carries the line and column in the user file', async () => {
    const sandbox = await sandboxOf("const x = 1\nthrow new Error('no such account')")

    const error = failureOf(() => sandbox.call('run'))

    expect(error.message).toBe('no such account')
    expect(error.location).toMatch(/^probe\.js:3:\d+$/)
  })

  it.each([
    ['undefined', 'return undefined', /result is undefined/],
    ['NaN', 'return { balance: NaN }', /result\.balance is NaN/],
    ['a function', 'return { f() {} }', /result\.f is a function/],
    ['a cycle', 'const a = {}; a.self = a; return a', /result\.self is a cycle/],
    ['a Date', 'return { at: new Date(0) }', /result\.at is a Date/],
  ])(
    'given a function returning %s, when called, then it is refused as not JSON',
    async (_name, body, message) => {
      const sandbox = await sandboxOf(body)

      const error = failureOf(() => sandbox.call('run'))

      expect(error.kind).toBe('not_json')
      expect(error.message).toMatch(message)
    },
  )

  it('given a call that timed out, when called again, then the sandbox still answers', async () => {
    const sandbox = await load({
      source:
        'let calls = 0\nexport function run() { calls++; if (calls === 1) while (true) {} return calls }',
      fileName: 'probe.js',
      glue,
      limits: { callMs: 30 },
    })
    opened.push(sandbox)

    expect(failureOf(() => sandbox.call('run')).kind).toBe('timeout')
    expect(sandbox.call('run')).toBe('2')
  })
})
