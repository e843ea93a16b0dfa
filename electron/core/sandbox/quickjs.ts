// The QuickJS engine, compiled to WebAssembly, loaded once per sandbox worker with its memory capped.
//
// QuickJS's own memory limit counts allocations, not bytes (this build has no malloc_usable_size, so it
// charges 8 bytes a block): a loop pushing 1 MiB strings went past 300 MB under a "64 MiB" limit. The
// WebAssembly memory we hand the module has a maximum instead, which the platform enforces: past it,
// malloc fails and QuickJS throws its out-of-memory error, whatever the code allocates.

import variant from '@jitl/quickjs-wasmfile-release-sync'
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core'

// Node has WebAssembly at run time; the Node typings this project compiles against do not declare it.
declare const WebAssembly: {
  Memory: new (descriptor: { initial: number; maximum: number }) => { buffer: ArrayBuffer }
}

const pageBytes = 64 * 1024
/** What the engine itself needs before any user allocation: its data, stack and first heap pages. */
export const engineBaseBytes = 16 * 1024 * 1024

let loading: Promise<QuickJSWASMModule> | null = null

/** The worker's QuickJS module, whose heap can never grow past `memoryBytes` plus the engine's base. */
export function loadQuickJs(memoryBytes: number): Promise<QuickJSWASMModule> {
  loading ??= newQuickJSWASMModuleFromVariant(
    newVariant(variant, {
      wasmMemory: new WebAssembly.Memory({
        initial: engineBaseBytes / pageBytes,
        maximum: Math.ceil((engineBaseBytes + memoryBytes) / pageBytes),
      }),
    }),
  ).catch((error: unknown) => {
    loading = null
    throw error
  })
  return loading
}

/** Whether the module's heap has grown to its cap (then a `null` thrown is the engine out of memory). */
export function atMemoryCap(quickJs: QuickJSWASMModule, memoryBytes: number): boolean {
  return quickJs.getWasmMemory().buffer.byteLength + pageBytes > engineBaseBytes + memoryBytes
}
