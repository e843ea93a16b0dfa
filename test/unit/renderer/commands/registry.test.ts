import { describe, expect, it } from 'vitest'
import { commands, describeCommand, runCommand } from '../../../../renderer/src/commands/registry'
import { commandSpecs } from '../../../../shared/commands'
import {
  databaseSummaryOf,
  fakeApi,
  opened,
  opensAnyPath,
  settle,
  storeWith,
  summaryOf,
} from '../store/fake-host'
import { aggregateRow, eventAt, eventRow, stateAt, streamInfoOf } from '../store/fixtures'

const key = (key: string, extra: Partial<KeyboardEvent> = {}) =>
  ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...extra }) as KeyboardEvent

const matching = (event: KeyboardEvent, typing = false) =>
  commands.filter((c) => c.matches(event, typing)).map((c) => c.name)

describe('command shortcuts', () => {
  it('given no text field focused, when "/" , "," or "." is pressed, then exactly one command answers', () => {
    expect(matching(key('/'))).toEqual(['focusFilter'])
    expect(matching(key(','))).toEqual(['previousVersion'])
    expect(matching(key('.'))).toEqual(['nextVersion'])
    expect(matching(key('>', { shiftKey: true }))).toEqual(['lastVersion'])
    expect(matching(key('<', { shiftKey: true }))).toEqual(['firstVersion'])
  })

  it('given a text field focused, when characters are typed, then no command steals them', () => {
    expect(matching(key('/'), true)).toEqual([])
    expect(matching(key(','), true)).toEqual([])
  })

  it('given a text field focused, when Ctrl+L is pressed, then the directory field is still reachable', () => {
    expect(matching(key('l', { ctrlKey: true }), true)).toEqual(['focusDirectory'])
  })

  it('given a command with a shortcut, when described, then its tooltip names the shortcut', () => {
    const next = commands.find((c) => c.name === 'nextVersion')!
    expect(describeCommand(next)).toBe('Step forward one event (.)')
  })
})

describe('the Follow shortcut', () => {
  it('given no text field focused, when "f" is pressed, then Follow toggles; typing an "f" does not', () => {
    expect(matching(key('f'))).toEqual(['toggleFollow'])
    expect(matching(key('f'), true)).toEqual([])
    expect(matching(key('f', { ctrlKey: true }))).toEqual([])
  })
})

describe('the registry and shared/commands.ts', () => {
  it('given every command with a key, when each key is pressed, then it and only it answers', () => {
    for (const c of commands.filter((c) => c.accelerator !== null)) {
      const parts = c.accelerator!.split('+')
      const base = parts.at(-1)!
      const press = key(base.length === 1 && /[a-z]/i.test(base) ? base.toLowerCase() : base, {
        ctrlKey: parts.includes('CmdOrCtrl'),
        shiftKey: parts.includes('Shift'),
      })
      expect(matching(press), c.accelerator!).toEqual([c.name])
    }
  })

  it('given the shared list, when the registry is built, then every id has a command in the same order', () => {
    expect(commands.map((c) => c.name)).toEqual(commandSpecs.map((spec) => spec.id))
    expect(new Set(commands.map((c) => c.label)).size).toBe(commands.length)
  })
})

describe('commands run against a store', () => {
  it('given a stream at version 2, when next, previous, first and last run, then the slider moves and the ends refuse', async () => {
    const store = storeWith(
      fakeApi({
        'store.open': opensAnyPath(1),
        'stream.open': ({ aggregateId }) => streamInfoOf(aggregateId, 4),
        'state.at': ({ aggregateId, version }) => stateAt(aggregateId, version),
        'event.get': ({ aggregateId, version }) => eventAt(aggregateId, version),
      }),
    )
    await opened(store)
    store.getState().aggregateSelected('a1')
    await settle()
    const run = (name: Parameters<typeof runCommand>[0]) =>
      runCommand(name, { state: store.getState(), version: store.slider.getState().version })
    store.getState().versionChosen(2)

    expect(run('nextVersion')).toBe(true)
    expect(store.slider.getState().version).toBe(3)
    expect(run('lastVersion')).toBe(true)
    expect(run('nextVersion')).toBe(false)
    expect(run('firstVersion')).toBe(true)
    expect(run('previousVersion')).toBe(false)
    expect(store.slider.getState().version).toBe(0)
  })

  it('given findings in two aggregates, when next problem runs three times and previous once, then it walks them in order and wraps', async () => {
    const flagged = [
      { ...aggregateRow('bad', 'error'), issues: ['line 3: Not valid JSON'] },
      { ...aggregateRow('odd', 'warning'), issues: ['line 1: no time'] },
    ]
    const store = storeWith(
      fakeApi({
        'store.open': opensAnyPath(2),
        'aggregates.window': ({ offset }) => ({ total: 2, unfiltered: 2, offset, rows: flagged }),
        'stream.open': ({ aggregateId }) => streamInfoOf(aggregateId, 4),
        'stream.window': ({ aggregateId, offset }) => ({
          aggregateId,
          rowCount: 4,
          offset,
          rows: [eventRow(1), eventRow(2, 3)],
        }),
        'state.at': ({ aggregateId, version }) => stateAt(aggregateId, version),
        'event.get': ({ aggregateId, version }) => eventAt(aggregateId, version),
      }),
    )
    await opened(store)
    const run = async (name: 'nextProblem' | 'previousProblem') => {
      runCommand(name, { state: store.getState(), version: store.slider.getState().version })
      await settle()
      return [store.getState().stream.aggregateId, store.getState().integrity.chosen?.line]
    }

    expect(await run('nextProblem')).toEqual(['bad', 3])
    expect(store.getState().stream.focus).toEqual({ row: 1, version: 2 })
    expect(await run('nextProblem')).toEqual(['odd', 1])
    expect(await run('nextProblem')).toEqual(['bad', 3])
    expect(await run('previousProblem')).toEqual(['odd', 1])
  })

  it('given a dock tab shown, when its command runs again, then the dock closes, as a click on the tab does', () => {
    const store = storeWith(fakeApi({ 'store.open': opensAnyPath(1) }))
    store.setState({ store: { ...store.getState().store, summary: summaryOf('/d', 'x') as never } })
    const run = (name: 'dockTime' | 'toggleDock') => runCommand(name, { state: store.getState(), version: 0 })

    run('dockTime')
    expect(store.getState().dock).toEqual({ open: true, tab: 'time' })
    run('dockTime')
    expect(store.getState().dock).toEqual({ open: false, tab: 'time' })
    run('toggleDock')
    expect(store.getState().dock.open).toBe(true)
  })

  it('given no stream, when go to version runs, then it refuses; with one, the box opens', async () => {
    const store = storeWith(
      fakeApi({
        'store.open': opensAnyPath(1),
        'stream.open': ({ aggregateId }) => streamInfoOf(aggregateId, 4),
        'state.at': ({ aggregateId, version }) => stateAt(aggregateId, version),
        'event.get': ({ aggregateId, version }) => eventAt(aggregateId, version),
      }),
    )
    await opened(store)
    expect(runCommand('goToVersion', { state: store.getState(), version: 0 })).toBe(false)

    store.getState().aggregateSelected('a1')
    await settle()
    expect(runCommand('goToVersion', { state: store.getState(), version: 4 })).toBe(true)
    expect(store.getState().overlay).toBe('goToVersion')
  })
})

describe('the inspector tabs as commands', () => {
  it('given the Inspect tab, when A and then I run, then the Append tab shows and then Inspect again', () => {
    const store = storeWith(fakeApi())
    const run = (name: 'showAppend' | 'showInspect') =>
      runCommand(name, { state: store.getState(), version: 0 })

    run('showAppend')
    expect(store.getState().inspectorTab).toBe('append')
    run('showInspect')
    expect(store.getState().inspectorTab).toBe('inspect')
  })
})

describe('the debugger as commands', () => {
  it('given hits at 2 and 5, when H and Shift+H run, then they walk the hits and refuse past the last and before the first', async () => {
    const store = storeWith(
      fakeApi({
        'store.open': opensAnyPath(1),
        'stream.open': ({ aggregateId }) => streamInfoOf(aggregateId, 6),
        'state.at': ({ aggregateId, version }) => stateAt(aggregateId, version),
        'event.get': ({ aggregateId, version }) => eventAt(aggregateId, version),
        'stream.hits': ({ aggregateId, breakpoints = [] }) => ({
          aggregateId,
          eventCount: 6,
          breakpoints: breakpoints.map((expression) => ({
            expression,
            versions: [2, 5],
            truncated: false,
            error: null,
          })),
          at: 6,
          watches: [],
          failure: null,
          reducer: {
            aggregateId,
            aggregateType: null,
            dir: '/data/store',
            trusted: false,
            reducer: { kind: 'merge-patch', label: 'merge patch', file: null, source: 'default' },
            untrustedFile: null,
            loadError: null,
          },
        }),
      }),
    )
    await opened(store)
    store.getState().aggregateSelected('a1')
    await settle()
    const run = (name: Parameters<typeof runCommand>[0]) =>
      runCommand(name, { state: store.getState(), version: store.slider.getState().version })
    expect(run('nextHit')).toBe(false)
    store.getState().breakpointAdded('changed(state.v)')
    await settle()
    store.getState().versionChosen(0)

    expect(matching(key('h'))).toEqual(['nextHit'])
    expect(matching(key('H', { shiftKey: true }))).toEqual(['previousHit'])
    expect(run('previousHit')).toBe(false)
    expect(run('nextHit')).toBe(true)
    expect(store.slider.getState().version).toBe(2)
    expect(run('nextHit')).toBe(true)
    expect(store.slider.getState().version).toBe(5)
    expect(run('nextHit')).toBe(false)
    expect(run('previousHit')).toBe(true)
    expect(store.slider.getState().version).toBe(2)
  })

  it('given no stream, when P runs, then it refuses; with one, it starts Play and P again pauses it', async () => {
    const store = storeWith(
      fakeApi({
        'store.open': opensAnyPath(1),
        'stream.open': ({ aggregateId }) => streamInfoOf(aggregateId, 6),
        'state.at': ({ aggregateId, version }) => stateAt(aggregateId, version),
        'event.get': ({ aggregateId, version }) => eventAt(aggregateId, version),
      }),
    )
    const run = () =>
      runCommand('playPause', { state: store.getState(), version: store.slider.getState().version })
    expect(matching(key('p'))).toEqual(['playPause'])
    expect(run()).toBe(false)
    await opened(store)
    store.getState().aggregateSelected('a1')
    await settle()

    expect(run()).toBe(true)
    expect(store.getState().debug.play.running).toBe(true)
    expect(run()).toBe(true)
    expect(store.getState().debug.play.running).toBe(false)
  })
})

describe('commands on a store that lacks them', () => {
  it('given a PostgreSQL store, when verify, reindex, repair and Follow are asked, then none runs and each says why in one line', async () => {
    const api = fakeApi({
      'store.open': databaseSummaryOf('postgres://app@db/shop', '55555555-5555-4555-8555-555555555555', {
        follow: false,
      }),
    })
    const store = storeWith(api)
    await opened(store, 'postgres://app@db/shop')
    const target = { state: store.getState(), version: 0 }

    for (const name of ['verify', 'reindex', 'repair', 'toggleFollow'] as const) {
      const c = commands.find((command) => command.name === name)!
      expect(c.enabled(target)).toBe(false)
      expect(c.lacking(store.getState())).toMatch(/^[^\n]+\.$/)
      expect(runCommand(name, target)).toBe(false)
    }
    expect(api['store.verify']).not.toHaveBeenCalled()
    expect(store.getState().follow).toBe(false)
  })

  it('given a directory store, when the same commands are asked, then nothing is lacking', async () => {
    const store = storeWith(fakeApi({ 'store.open': opensAnyPath(1) }))
    await opened(store)

    for (const c of commands) expect(c.lacking(store.getState())).toBeNull()
  })
})

describe('Copy link on a database', () => {
  const info = (shell: 'electron' | 'browser') => ({
    shell,
    version: '1',
    initialDir: null,
    recentDirs: [],
    canPickDirectory: shell === 'electron',
    canTypePath: shell === 'browser',
    canTypeAddress: true,
  })

  it('given the desktop app on a PostgreSQL store, when Copy link is asked, then it is off and says its links name folders; the browser shell links it', async () => {
    for (const shell of ['electron', 'browser'] as const) {
      const api = fakeApi({
        'app.info': info(shell),
        'store.open': databaseSummaryOf('postgres://app@db/shop', '55555555-5555-4555-8555-555555555555'),
      })
      const store = storeWith(api)
      await store.getState().appStarted()
      await opened(store, 'postgres://app@db/shop')
      const copy = commands.find((c) => c.name === 'copyLink')!

      expect(copy.enabled({ state: store.getState(), version: 0 })).toBe(shell === 'browser')
      expect(copy.lacking(store.getState())).toBe(
        shell === 'electron'
          ? 'The desktop app links to folders only; a database store has no link to copy.'
          : null,
      )
    }
  })
})
