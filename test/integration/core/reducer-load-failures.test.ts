// A reducer that could not be loaded: a failure of the code (a syntax error, initialState() throwing) is
// kept for that version of the file, while a load that ran out of time or lost its worker is tried again
// at the next ask, since a busy machine causes those too (the store-insight flake: a load that timed
// out under load then answered with the merge patch until the file changed). Failures are injected or
// made by code that fails whatever the machine's speed; nothing here depends on timing.

import { afterEach, describe, expect, it } from 'vitest'
import {
  ReducerLoadError,
  SandboxedReducer,
  type ReducerSource,
} from '../../../electron/core/reducers/sandboxed-reducer'
import { ReducerService, type ReducerLoader } from '../../../electron/core/reducers/reducer-service'
import { timeoutMessage } from '../../../electron/core/sandbox/sandbox-error'
import { ExplorerSession } from '../../../electron/core/session/explorer-session'
import { TrustedDirectories } from '../../../electron/core/settings/trusted-directories'
import {
  accountEvents,
  bankReducer,
  roomyLimits,
  roomyReducers,
  writeCode,
  writeStore,
} from './insight-fixtures'

const sessions: ExplorerSession[] = []
const services: ReducerService[] = []

afterEach(() => {
  for (const service of services.splice(0)) service.dispose()
  for (const session of sessions.splice(0)) session.close()
})

/** A trusted store with one Account stream and `reducer` as its Account reducer, loaded by `loader`. */
async function serviceWith(reducer: string, loader: ReducerLoader): Promise<ReducerService> {
  const dir = await writeStore({ acc: accountEvents([50]) })
  await writeCode(dir, 'reducers', 'Account', reducer)
  const session = new ExplorerSession()
  sessions.push(session)
  await session.open(dir)
  await session.whenReconciled()
  const service = new ReducerService(session, new TrustedDirectories(null), loader)
  services.push(service)
  service.setTrusted(true)
  return service
}

/**
 * The real loader under roomy limits (so no load here times out by itself), counting its calls; the
 * first `failures` calls fail with `failure` instead.
 */
function countingLoader(failures = 0, failure?: () => Error) {
  const loader = Object.assign(
    async (source: ReducerSource) => {
      loader.calls++
      if (loader.calls <= failures && failure) throw failure()
      return roomyReducers(source)
    },
    { calls: 0 },
  )
  return loader
}

describe('a reducer load that failed, asked again with the same file', () => {
  it('given a load that timed out once, when asked again, then the reducer is loaded and answers', async () => {
    const loader = countingLoader(1, () => new ReducerLoadError(timeoutMessage, null, true))
    const reducers = await serviceWith(bankReducer, loader)

    const first = await reducers.stateAt('acc', 2)
    expect(first.reducer.reducer.kind).toBe('merge-patch')
    expect(first.reducer.loadError).toMatch(/time limit/)

    const second = await reducers.stateAt('acc', 2)
    expect(second.reducer.reducer.kind).toBe('custom')
    expect(second.reducer.loadError).toBeNull()
    expect(second.state).toEqual({ balance: 50, deposits: 1 })
    expect(loader.calls).toBe(2)
  })

  it('given a load whose worker died once, when asked again, then the reducer is loaded and answers', async () => {
    const loader = countingLoader(1, () => new ReducerLoadError('the sandbox failed: gone', null, true))
    const reducers = await serviceWith(bankReducer, loader)

    expect((await reducers.status('acc')).loadError).toMatch(/the sandbox failed/)
    expect((await reducers.stateAt('acc', 2)).state).toEqual({ balance: 50, deposits: 1 })
  })

  it.each([
    ['a syntax error', 'export function initialState( {', /SyntaxError|expect/i],
    [
      'an initialState() that throws',
      'export function initialState() { throw new Error("no start") }\nexport function evolve(s) { return s }',
      /no start/,
    ],
  ])(
    'given %s, when asked again, then the failure is kept and the module not loaded again',
    async (_what, code, reason) => {
      const loader = countingLoader()
      const reducers = await serviceWith(code, loader)

      const first = await reducers.status('acc')
      const second = await reducers.status('acc')

      expect(first.loadError).toMatch(reason)
      expect(second.loadError).toBe(first.loadError)
      expect(loader.calls).toBe(1)
    },
  )
})

describe('what a failed load says about itself', () => {
  const load = (code: string, limits: ReducerSource['limits']) =>
    SandboxedReducer.load({ id: 'r', fileName: 'R.js', source: code, limits }).then(
      (reducer) => {
        reducer.dispose()
        throw new Error('the reducer loaded')
      },
      (error: unknown) => error,
    )
  const module = (top: string) =>
    `${top}\nexport function initialState() { return {} }\nexport function evolve(s) { return s }\n`

  it('given top-level code that never ends, when loaded, then the failure is a transient load failure', async () => {
    const failure = await load(module('for (;;) {}'), { loadMs: 50 })
    expect(failure).toBeInstanceOf(ReducerLoadError)
    expect(failure).toMatchObject({
      kind: 'load',
      transient: true,
      message: expect.stringMatching(/time limit/),
    })
  })

  it('given a C-level loop the host has to stop, when loaded, then the failure is a transient load failure', async () => {
    const failure = await load(module('await 0;\n[].indexOf.call({ length: 2 ** 40 }, 1)'), { loadMs: 50 })
    expect(failure).toBeInstanceOf(ReducerLoadError)
    expect(failure).toMatchObject({ kind: 'load', transient: true })
  })

  it('given a syntax error or an initialState() that throws, when loaded, then the failure is the code’s', async () => {
    const syntax = await load('export function initialState( {', roomyLimits)
    const throws = await load(
      'export function initialState() { throw new Error("no start") }\nexport function evolve(s) { return s }',
      roomyLimits,
    )
    expect(syntax).toMatchObject({ kind: 'load', transient: false })
    expect(throws).toMatchObject({
      kind: 'load',
      transient: false,
      message: expect.stringMatching(/no start/),
    })
  })
})
