// Binds every channel of the contract to the session. The shells add what only they can do (a native
// folder dialog, where recent directories are kept, which typed paths they take) through ShellServices.
//
// The page opens directories by ids handed out here (settings/directory-ids): for the command-line
// directory, the recent ones, the folder dialog's choice, and a typed path the browser shell admitted.
// A database address is opened by id too, or typed where the shell takes typed addresses; its
// password stays in main (the id stands for the whole address, the page sees it without one).

import type { DirectoryChoice, Handlers, OpenTarget } from '../../../shared/contract'
import { StoreError } from '../errors'
import type { ExplorerSession } from '../session/explorer-session'
import { createActiveRangeWindow } from '../store/active-range-window'
import { holdsStore, storesOneLevelDown } from '../store/stores-below'
import { aggregatesActiveIn } from '../timeline-stats/active-in-range'
import { sourceStreamsActiveIn } from '../source/source-active-in'
import { DirectoryIds, unknownDirectoryId } from '../settings/directory-ids'
import { expandPath } from '../settings/directory-policy'
import { dirOfRootPath, rootPathOf } from '../settings/root-paths'
import { withDatabaseHandlers } from './database-handlers'
import { createExportHandlers } from './export-handlers'
import { createCheckHandlers } from './check-handlers'
import { createInsightHandlers } from './insight-handlers'
import { createIntegrityHandlers } from './integrity-handlers'
import type { ShellServices } from './shell-services'
import { ReducerService } from '../reducers/reducer-service'
import { TrustedDirectories } from '../settings/trusted-directories'
import { addressHasPassword, addressWithoutPassword, isDatabaseAddress } from '../../../shared/store-address'

/**
 * The handler for every request channel, over one session. `directories` hands out the ids the page
 * opens directories by; the desktop shell passes its own so a link it is handed can be given one too.
 */
export function createHandlers(
  session: ExplorerSession,
  services: ShellServices,
  directories: DirectoryIds = new DirectoryIds(),
): Handlers {
  const reducers = new ReducerService(session, services.trustedDirectories ?? new TrustedDirectories(null))
  const insight = createInsightHandlers(session, reducers)
  // A state export saves what state.at shows: the aggregate's custom reducer where one applies.
  const exports = createExportHandlers(session, services, (aggregateId, version) =>
    reducers.stateAt(aggregateId, version, 'auto'),
  )
  const { tasks } = session
  const aggregatesWindow = createActiveRangeWindow({
    windowOf: (query) => session.opened().aggregatesWindow(query),
    storeKey: () => `${session.summary().dir}\u0000${session.summary().events}`,
    // A whole-store scan, as a task: a newer range stops it (active-range-window), and so does another
    // store (the registry).
    activeIn: (sinceMs, untilMs, signal) =>
      tasks.run(
        tasks.newId('aggregates.active'),
        (task) => {
          const both = AbortSignal.any([signal, task.signal])
          const store = session.opened()
          // A directory's own scan reads each stream file once on workers (active-in-range.ts); its
          // JSONL Source would answer the same, slower (database-handlers.ts says why).
          return store.kind === 'directory'
            ? aggregatesActiveIn(store.dir, sinceMs, untilMs, both)
            : sourceStreamsActiveIn(store.source, sinceMs, untilMs, both)
        },
        { label: 'Finding the aggregates active in a range' },
      ),
  })

  // A recent directory that no longer exists is not offered, nor (browser shell) one outside the roots.
  const offeredRecents = async (): Promise<DirectoryChoice[]> => {
    const offered = await Promise.all(
      services.recentDirs().map(async (dir) => {
        if (isDatabaseAddress(dir)) return addressRefusal(dir) === null ? [directories.issueAddress(dir)] : []
        if (await services.typedPathRefusal?.(dir)) return []
        const choice = await directories.issueExisting(dir)
        return choice ? [choice] : []
      }),
    )
    return offered.flat()
  }

  // Why a database address may not be opened here, or null. A shell that takes typed paths (the
  // browser shell) takes an address only by its own policy; the desktop shell opens the ones it keeps.
  const addressRefusal = (address: string): string | null => {
    if (services.typedAddressRefusal) return services.typedAddressRefusal(address)
    return services.typedPathRefusal ? 'This shell does not open database addresses.' : null
  }

  // A typed path becomes an id like any other once the shell admits it. Only an existing, admitted
  // directory gets one, so a page typing paths cannot fill the registry; the real path recorded is
  // judged again, in case a link changed in between.
  const admitTypedPath = async (
    dir: string,
    refusalOf: (dir: string) => Promise<string | null>,
  ): Promise<string> => {
    const early = await refusalOf(dir)
    if (early) throw new StoreError('forbidden', early)
    // Under the roots: listed while the rest of the choice is checked (opened only if it holds).
    void session.listAhead(expandPath(dir))
    const choice = await directories.issueExisting(dir)
    if (!choice) throw new StoreError('not_found', `No such directory: ${expandPath(dir)}`)
    const late = await refusalOf(choice.path)
    if (late) throw new StoreError('forbidden', late)
    return choice.id
  }

  // A directory's path under the roots (null: no roots, or not under one) and its id, side by side.
  const namesOf = (dir: string) =>
    Promise.all([services.linkRoots ? rootPathOf(dir, services.linkRoots) : null, directories.issue(dir)])

  // Refuses what needs no disk (a typed path where the shell takes none, an id never handed out), then
  // hands back the step that finds the directory, which does.
  const locate = (target: OpenTarget): (() => Promise<string>) => {
    if ('directoryId' in target) {
      const recorded = directories.pathOf(target.directoryId)
      if (recorded === undefined) throw unknownDirectoryId()
      // Listed while the id's directory is checked again (opened only if it is the same folder).
      if (!isDatabaseAddress(recorded)) void session.listAhead(recorded)
      return () => directories.resolve(target.directoryId)
    }
    if ('address' in target) {
      if (!isDatabaseAddress(target.address))
        throw new StoreError('invalid_input', 'Not a database address: it starts postgres:// or sqlite:.')
      const refusal = services.typedAddressRefusal
        ? services.typedAddressRefusal(target.address)
        : 'This shell opens only database addresses it keeps, never a typed one.'
      if (refusal !== null) throw new StoreError('forbidden', refusal)
      return async () => {
        const confirm = services.confirmTypedAddress
        if (confirm && !addressHasPassword(target.address) && !(await confirm(target.address)))
          throw new StoreError(
            'forbidden',
            `Not connected to ${addressWithoutPassword(target.address)}: you declined.`,
          )
        return target.address
      }
    }
    const refusalOf = services.typedPathRefusal
    if ('rootPath' in target) {
      const roots = services.linkRoots
      if (!roots || !refusalOf)
        throw new StoreError(
          'forbidden',
          'This shell opens links to stores only through eventscope:// links.',
        )
      return async () => {
        const dir = await dirOfRootPath(target.rootPath, roots)
        if (dir === null)
          throw new StoreError('not_found', `No directory "${target.rootPath}" under the folders served.`)
        return directories.resolve(await admitTypedPath(dir, refusalOf))
      }
    }
    if (!refusalOf)
      throw new StoreError(
        'forbidden',
        'The desktop app opens only directories chosen with Browse…, on the command line or from the recent list, never a typed path.',
      )
    return async () => directories.resolve(await admitTypedPath(target.dir, refusalOf))
  }

  return checkedInPlace(
    session,
    withDatabaseHandlers(session, {
      'app.info': async () => ({
        shell: services.shell,
        version: services.version,
        initialDir: services.initialDir === null ? null : await directories.issue(services.initialDir),
        recentDirs: await offeredRecents(),
        canPickDirectory: services.pickDirectory !== null,
        canTypePath: Boolean(services.typedPathRefusal),
        // Absent (not false) where the shell takes no typed address, as before databases.
        ...(services.typedAddressRefusal ? { canTypeAddress: true } : {}),
        // Only beside a directory to open it in; absent (not null) otherwise, as before links.
        ...(services.initialDir !== null && services.initialPlace
          ? { initialPlace: services.initialPlace }
          : {}),
        ...(services.initialDir !== null && services.linkRoots
          ? { initialRootPath: await rootPathOf(expandPath(services.initialDir), services.linkRoots) }
          : {}),
      }),
      'store.pickDirectory': async () => {
        if (!services.pickDirectory)
          throw new StoreError('unsupported', 'This shell has no folder dialog; type the path instead.')
        const picked = await services.pickDirectory()
        return picked === null ? null : directories.issue(picked)
      },
      'store.open': async (target) => {
        const find = locate(target)
        // Before any wait, whatever runs on the old store stops (the user has moved on), so it cannot
        // race the opening to its end; only what is refused without the disk (above) keeps it running.
        tasks.storeChanged()
        const dir = await find()
        // A directory's id and its path under the roots (real paths each) are looked up beside the
        // opening; only a directory the opening took is answered with them.
        const naming = isDatabaseAddress(dir) ? null : namesOf(expandPath(dir))
        naming?.catch(() => {})
        const summary = await session.open(dir)
        // The page's first rows, when it asked for them with the opening, go in this same answer.
        // Taken last, after every wait: serving a window lets the store's background reading start
        // (open-store.ts), which must not run before the answer is out.
        const firstRows = async () =>
          target.firstRows ? { firstRows: await aggregatesWindow({ offset: 0, ...target.firstRows }) } : {}
        if (isDatabaseAddress(dir)) {
          // The whole address (a shell keeps its password encrypted, or not at all: shell-services.ts).
          services.rememberDir(dir)
          return {
            ...summary,
            directoryId: directories.issueAddress(dir).id,
            rootPath: null,
            notAStore: null,
            ...(await firstRows()),
          }
        }
        services.rememberDir(summary.dir)
        // A folder with no index.json and no stream is not a store: say so, and offer the stores one
        // level down by ids like any other choice (they lie under a directory the user chose).
        const notAStore =
          summary.index === 'missing' && summary.aggregates === 0 && !(await holdsStore(summary.dir))
            ? {
                storesBelow: await Promise.all(
                  (await storesOneLevelDown(summary.dir)).map((below) => directories.issue(below)),
                ),
              }
            : null
        const [rootPath, issued] = await (naming ?? namesOf(summary.dir))
        return { ...summary, directoryId: issued.id, rootPath, notAStore, ...(await firstRows()) }
      },
      'aggregates.window': aggregatesWindow,
      'stream.open': async ({ aggregateId }) => session.streamOpen(aggregateId),
      'stream.window': async (input) => session.streamWindow(input),
      'event.get': async (input) => session.eventGet(input),
      'stream.line': async (input) => session.streamLine(input),
      // Under the aggregate's custom reducer where one applies and its directory is trusted.
      'state.at': insight.stateAt,
      'events.types': async () => session.eventTypes(),
      'events.template': async (input) => session.eventTemplate(input),
      'events.preview': async (input) => session.preview(input),
      'events.append': async (input) => session.append(input),
      'task.cancel': async ({ taskId }) => ({ cancelled: tasks.cancel(taskId) }),
      ...exports,
      ...insight.handlers,
      ...createCheckHandlers(session, reducers),
      ...createIntegrityHandlers(session),
    }),
  )
}

// Channels that touch no file of the open store: opening one, and stopping work already running.
const placeFree: ReadonlySet<string> = new Set(['app.info', 'store.pickDirectory', 'store.open'])

/**
 * Every other channel first checks that the open store's folder is still the one opened
 * (session.ensureInPlace). Handlers still start in the order requests arrived: a cancel sent right
 * after a verify must find it started, so every request waits its turn behind the checks before it.
 */
function checkedInPlace(session: ExplorerSession, handlers: Handlers): Handlers {
  let turn: Promise<unknown> = Promise.resolve()
  const inOrder = (check: boolean): Promise<void> => {
    const mine = turn.then(() => (check ? session.ensureInPlace() : undefined))
    turn = mine.catch(() => {})
    return mine
  }
  const checked: Record<string, (input: unknown) => Promise<unknown>> = {}
  for (const [channel, handler] of Object.entries(handlers) as [
    string,
    (input: unknown) => Promise<unknown>,
  ][]) {
    const check = !placeFree.has(channel) && !/cancel$/i.test(channel)
    checked[channel] = async (input) => {
      await inOrder(check)
      return handler(input)
    }
  }
  return checked as unknown as Handlers
}
