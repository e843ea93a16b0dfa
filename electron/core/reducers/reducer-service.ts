// Which reducer applies to an aggregate, and the state and diffs under it. Code found inside a store
// runs only once the user trusts that directory; a reducer file the user names explicitly (the CLI's
// `--reducer FILE`, a file picked in the UI) is trusted by that choice.

import { StoreError } from '../errors'
import type { ExactChange, ExactJson } from '../json/json-value'
import { diffStates, stateWith, type ReducedState } from '../replay/reduced-state'
import { mergePatchReducer, type Reducer } from '../replay/reducer'
import { ReducerCheckpointCache } from '../replay/reducer-checkpoints'
import { SandboxError } from '../sandbox/sandbox-error'
import type { ExplorerSession } from '../session/explorer-session'
import type { TrustStore } from '../settings/trusted-directories'
import type { StreamIndex } from '../stream/stream-index'
import { codeFileStat, readCodeFile, reducerPath } from './code-files'
import { ReducerLoadError, SandboxedReducer, type ReducerSource } from './sandboxed-reducer'

/** `auto`: the custom reducer where one applies and may run, else the merge patch. */
export type ReducerChoice = 'auto' | 'merge-patch' | 'custom'

export interface ReducerInfo {
  readonly kind: 'merge-patch' | 'custom'
  readonly label: string
  readonly file: string | null
  readonly source: 'default' | 'store' | 'explicit'
}

export interface ReducerStatus {
  readonly aggregateId: string
  readonly aggregateType: string | null
  readonly dir: string
  readonly trusted: boolean
  /** The reducer states are computed with. */
  readonly reducer: ReducerInfo
  /** A store reducer that exists for this type but is not used: the directory is not trusted. */
  readonly untrustedFile: string | null
  /** Why a custom reducer could not be loaded (the merge patch is used meanwhile). */
  readonly loadError: string | null
}

interface Loaded {
  readonly stat: { mtimeMs: number; size: number }
  readonly reducer: SandboxedReducer | null
  readonly error: string | null
}

export interface Resolved {
  readonly reducer: Reducer
  readonly status: ReducerStatus
}

/** Loads a reducer module into its sandbox (tests inject failures here). */
export type ReducerLoader = (source: ReducerSource) => Promise<SandboxedReducer>

export class ReducerService {
  private explicitFile: string | null = null
  private readonly loaded = new Map<string, Loaded>()
  private readonly checkpoints = new ReducerCheckpointCache()
  private last: { index: StreamIndex; reducerId: string; version: number; state: ExactJson } | null = null

  constructor(
    private readonly session: ExplorerSession,
    private readonly trustStore: TrustStore,
    private readonly loadReducer: ReducerLoader = (source) => SandboxedReducer.load(source),
  ) {}

  /** Use this reducer file for every aggregate (null: back to the store's own reducers). Trusted by choice. */
  useReducerFile(file: string | null): void {
    this.explicitFile = file
  }

  isTrusted(dir = this.session.storeDir()): boolean {
    return this.trustStore.isTrusted(dir)
  }

  /** Trust (or stop trusting) the open store's directory, remembered across runs. */
  setTrusted(trusted: boolean, dir = this.session.storeDir()): void {
    try {
      if (trusted) this.trustStore.trust(dir)
      else this.trustStore.untrust(dir)
    } catch (error) {
      throw new StoreError(
        'io_error',
        `Cannot remember the choice for ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      )
    }
  }

  async status(aggregateId: string): Promise<ReducerStatus> {
    return (await this.resolve(aggregateId, 'auto')).status
  }

  /** The state at a version under the reducer that applies (see ReducerChoice); merge-patch states exact. */
  async stateAt(
    aggregateId: string,
    version: number,
    choice: ReducerChoice = 'auto',
  ): Promise<ReducedState & { aggregateId: string; eventCount: number; reducer: ReducerStatus }> {
    const { reducer, status } = await this.resolve(aggregateId, choice)
    const index = await this.session.streamIndex(aggregateId)
    if (reducer.id === mergePatchReducer.id) {
      // The session keeps the merge patch's last state itself; go through it.
      const result = await this.session.stateAt({ aggregateId, version })
      return { ...result, failure: null, reducer: status }
    }
    const known = this.last?.index === index && this.last.reducerId === reducer.id ? this.last : undefined
    const result = await stateWith(index, version, reducer, this.checkpoints, known)
    this.last = { index, reducerId: reducer.id, version: result.version, state: result.state }
    return { ...result, aggregateId, eventCount: index.eventCount, reducer: status }
  }

  /** What changed between two versions of an aggregate under the reducer that applies. */
  async diff(
    aggregateId: string,
    fromVersion: number,
    toVersion: number,
    choice: ReducerChoice = 'auto',
  ): Promise<{ from: ReducedState; to: ReducedState; changes: ExactChange[]; reducer: ReducerStatus }> {
    const { reducer, status } = await this.resolve(aggregateId, choice)
    const index = await this.session.streamIndex(aggregateId)
    return {
      ...(await diffStates(index, fromVersion, toVersion, reducer, this.checkpoints)),
      reducer: status,
    }
  }

  /** The reducer that applies to an aggregate (see ReducerChoice), for walks over its every version. */
  async reducerOf(aggregateId: string, choice: ReducerChoice = 'auto'): Promise<Resolved> {
    return this.resolve(aggregateId, choice)
  }

  dispose(): void {
    for (const entry of this.loaded.values()) entry.reducer?.dispose()
    this.loaded.clear()
  }

  private async resolve(aggregateId: string, choice: ReducerChoice): Promise<Resolved> {
    const dir = this.session.storeDir()
    const index = await this.session.streamIndex(aggregateId)
    const trusted = this.trustStore.isTrusted(dir)
    const base = {
      aggregateId,
      aggregateType: index.type,
      dir,
      trusted,
      untrustedFile: null,
      loadError: null,
    }
    const mergePatch: Resolved = {
      reducer: mergePatchReducer,
      status: {
        ...base,
        reducer: { kind: 'merge-patch', label: mergePatchReducer.label, file: null, source: 'default' },
      },
    }
    if (choice === 'merge-patch') return mergePatch
    const explicit = this.explicitFile
    const storeFile = explicit === null && index.type !== null ? reducerPath(dir, index.type) : null
    const file = explicit ?? storeFile
    const exists = file !== null && (await codeFileStat(file)) !== null
    if (!exists) {
      if (choice === 'custom') {
        const where =
          explicit ??
          (storeFile ? storeFile : `.eventscope/reducers/ (no aggregate type known for ${aggregateId})`)
        throw new StoreError('not_found', `No reducer file at ${where}`)
      }
      return mergePatch
    }
    const source = explicit !== null ? 'explicit' : 'store'
    if (source === 'store' && !trusted) {
      if (choice === 'custom')
        throw new StoreError(
          'forbidden',
          `${dir} is not trusted: trust this directory first to run the code in its .eventscope folder.`,
        )
      return { ...mergePatch, status: { ...mergePatch.status, untrustedFile: file } }
    }
    const loaded = await this.load(file)
    if (!loaded.reducer) {
      if (choice === 'custom') throw new StoreError('invalid_input', loaded.error ?? `Cannot load ${file}`)
      return { ...mergePatch, status: { ...mergePatch.status, loadError: loaded.error } }
    }
    const reducer = loaded.reducer
    return {
      reducer,
      status: { ...base, reducer: { kind: 'custom', label: reducer.label, file, source } },
    }
  }

  // One lstat per request; the file is read and hashed again only when its size or mtime moved. A load
  // that failed because of the code is kept for that version of the file like a loaded reducer; one
  // that ran out of time or lost its worker is not (a busy machine can cause either), so the next ask
  // loads it again instead of reporting the file unusable until it changes.
  private async load(file: string): Promise<Loaded> {
    const stat = await codeFileStat(file)
    const cached = this.loaded.get(file)
    if (cached && stat && cached.stat.mtimeMs === stat.mtimeMs && cached.stat.size === stat.size)
      return cached
    const code = await readCodeFile(file)
    if (cached?.reducer && code && cached.reducer.id === code.id) {
      const same = { ...cached, stat: { mtimeMs: code.mtimeMs, size: code.size } }
      this.loaded.set(file, same)
      return same
    }
    cached?.reducer?.dispose()
    let entry: Loaded
    if (!code)
      entry = {
        stat: stat ?? { mtimeMs: 0, size: 0 },
        reducer: null,
        error: `Cannot read ${file} (missing, a link, or over 1 MiB)`,
      }
    else {
      try {
        const reducer = await this.loadReducer({
          id: code.id,
          fileName: code.fileName,
          source: code.source,
        })
        entry = { stat: { mtimeMs: code.mtimeMs, size: code.size }, reducer, error: null }
      } catch (error) {
        if (!(error instanceof SandboxError)) throw error
        const where = error.location ? ` (${error.location})` : ''
        const failed = {
          stat: { mtimeMs: code.mtimeMs, size: code.size },
          reducer: null,
          error: `${code.fileName} cannot be used: ${error.message}${where}`,
        }
        if (error instanceof ReducerLoadError && error.transient) {
          // The entry before (if any) holds a reducer disposed above: it must not be found again.
          this.loaded.delete(file)
          return failed
        }
        entry = failed
      }
    }
    this.loaded.set(file, entry)
    return entry
  }
}
