// The reducers a store-wide check rebuilds states with: the store's `.eventscope/reducers/<Type>.js`
// where the directory is trusted, the merge patch for every other type. Loaded once before the check,
// so choosing one per stream is a map lookup.

import { SandboxError } from '../sandbox/sandbox-error'
import { listCodeNames, readCodeFile, reducerPath } from '../reducers/code-files'
import { SandboxedReducer } from '../reducers/sandboxed-reducer'
import { mergePatchReducer, type Reducer } from '../replay/reducer'

export interface StoreReducers {
  /** The reducer for an aggregate type: its store reducer when trusted and loadable, else the merge patch. */
  readonly forType: (aggregateType: string | null) => Reducer
  /** Store reducer files not run because the directory is not trusted. */
  readonly untrusted: readonly string[]
  /** Store reducers that could not be loaded (their types fall back to the merge patch), one line each. */
  readonly loadErrors: readonly string[]
  /** Custom reducers in use, by aggregate type. */
  readonly custom: ReadonlyMap<string, Reducer>
  dispose(): void
}

/** Load the store's reducers (none unless `trusted`). One sandbox worker per reducer file. */
export async function loadStoreReducers(storeDir: string, trusted: boolean): Promise<StoreReducers> {
  const types = await listCodeNames(storeDir, 'reducers')
  const custom = new Map<string, Reducer>()
  const untrusted: string[] = []
  const loadErrors: string[] = []
  for (const type of types) {
    const file = reducerPath(storeDir, type)
    if (file === null) continue
    if (!trusted) {
      untrusted.push(file)
      continue
    }
    const code = await readCodeFile(file)
    if (!code) {
      loadErrors.push(`Cannot read ${file} (missing, a link, or over 1 MiB)`)
      continue
    }
    try {
      custom.set(type, await SandboxedReducer.load(code))
    } catch (error) {
      if (!(error instanceof SandboxError)) throw error
      const where = error.location ? ` (${error.location})` : ''
      loadErrors.push(`${code.fileName} cannot be used: ${error.message}${where}`)
    }
  }
  return {
    forType: (aggregateType) =>
      (aggregateType === null ? undefined : custom.get(aggregateType)) ?? mergePatchReducer,
    untrusted,
    loadErrors,
    custom,
    dispose: () => {
      for (const reducer of custom.values()) (reducer as SandboxedReducer).dispose()
    },
  }
}
