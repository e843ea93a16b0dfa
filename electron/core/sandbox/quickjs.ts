// The QuickJS engine, compiled to WebAssembly, loaded once per process.
//
// Every sandbox gets its own runtime (its own heap, limits and interrupt handler) from this one module;
// loading the module compiles the ~500 KB wasm file, which is done once, on first use.

import variant from '@jitl/quickjs-wasmfile-release-sync'
import { newQuickJSWASMModuleFromVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core'

let loading: Promise<QuickJSWASMModule> | null = null

/** The shared QuickJS module; compiled on the first call. */
export function loadQuickJs(): Promise<QuickJSWASMModule> {
  loading ??= newQuickJSWASMModuleFromVariant(variant).catch((error: unknown) => {
    loading = null
    throw error
  })
  return loading
}
