// Types for layering.mjs, so its test (test/unit/eslint-rules/layering.test.ts) is typechecked.

import type { Rule } from 'eslint'

export type Layer = 'shared' | 'renderer' | 'preload' | 'core' | 'main' | 'web' | 'cli'

export declare const layers: Readonly<Record<Layer, { readonly dir: string; readonly may: readonly Layer[] }>>
export declare const packageLayers: Readonly<Record<string, readonly Layer[]>>
export declare const valueImportBans: Readonly<Partial<Record<Layer, readonly string[]>>>
export declare const launcherImports: readonly { readonly from: string; readonly to: string }[]
export declare function layerOf(repoPath: string): Layer | null
export declare function packageOf(specifier: string): string | null
export declare function resolveSpecifier(specifier: string, fromFile: string, root: string): string | null
export declare function layeringProblem(
  specifier: string,
  file: string,
  root: string,
  options?: { readonly typeOnly?: boolean },
): string | null
export declare const layeringRule: Rule.RuleModule
export declare const layeringPlugin: { readonly rules: { readonly layers: Rule.RuleModule } }
