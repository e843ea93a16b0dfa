// The layering of STYLE.md as an ESLint rule: every import is resolved against the file that makes it
// (relative paths and the tsconfigs' path aliases) and checked against ONE table of allowed layers.
//
// Why not no-restricted-imports: it matches the import's text, so `'../../main/x'` from electron/core
// passed it. Resolving first, then asking "which layer is that file in", is what VS Code's
// `code-layering` does; a specifier that leaves the repository's layers is judged by where it lands.

import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'

/**
 * The one table: each layer's folder and the layers it may import (its own is always allowed).
 * Files outside every layer (test/, scripts/, configs) are not checked and may import anything.
 */
export const layers = {
  shared: { dir: 'shared', may: [] },
  renderer: { dir: 'renderer', may: ['shared'] },
  preload: { dir: 'electron/preload', may: ['shared'] },
  core: { dir: 'electron/core', may: ['shared'] },
  main: { dir: 'electron/main', may: ['core', 'shared'] },
  web: { dir: 'electron/web', may: ['core', 'shared'] },
  cli: { dir: 'electron/cli', may: ['core', 'shared'] },
}

/**
 * Packages only some layers may import. Electron exists only in the desktop shell's two processes;
 * Node's built-ins (`node:` stands for all of them) not in the page or the sandboxed preload; zod
 * (the contract's validation) runs where inputs are checked, never in the page or the preload bundle;
 * the PostgreSQL client only in the core, so the shells and the CLI reach a database through the
 * core's Source interface and its one-line errors, never with SQL of their own.
 */
export const packageLayers = {
  electron: ['main', 'preload'],
  'node:': ['shared', 'core', 'main', 'web', 'cli'],
  zod: ['shared', 'core', 'main', 'web', 'cli'],
  pg: ['core'],
  'pg-cursor': ['core'],
}

/**
 * Files a layer may not take values from although their layer is allowed: the sandboxed preload is
 * one bundle with no npm code, and the contract pulls in zod (type imports are erased, so allowed).
 */
export const valueImportBans = {
  preload: ['shared/contract'],
}

/**
 * The one crossing between shells, file to file: `eventscope serve` (and `open`'s fallback through it)
 * is the browser shell's launcher, so it starts the web host in its own process. Nothing else in cli
 * may import web.
 */
export const launcherImports = [
  { from: 'electron/cli/commands/serve-command.ts', to: 'electron/web/web-host' },
]

/** The layer a repository-relative path lies in, or null outside every layer. */
export function layerOf(repoPath) {
  const path = repoPath.split(sep).join('/')
  for (const [name, { dir }] of Object.entries(layers)) {
    if (path === dir || path.startsWith(`${dir}/`)) return name
  }
  return null
}

/** The npm package a bare specifier names (`@scope/name/x` -> `@scope/name`), or null for a path. */
export function packageOf(specifier) {
  if (specifier.startsWith('.') || isAbsolute(specifier)) return null
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0] ?? '')) return 'node:'
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier)
}

const aliasCache = new Map()

/** The `paths` aliases of every tsconfig*.json in `root`, as [prefix, suffix, absolute targets]. */
export function tsconfigAliases(root) {
  const cached = aliasCache.get(root)
  if (cached) return cached
  const aliases = []
  for (const name of ['tsconfig.base.json', 'tsconfig.json', 'tsconfig.node.json', 'tsconfig.web.json']) {
    let options
    try {
      // tsconfig allows comments and trailing commas; strip both (no string in ours contains "//").
      const text = readFileSync(join(root, name), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '')
        .replace(/,(\s*[}\]])/g, '$1')
      options = JSON.parse(text).compilerOptions ?? {}
    } catch {
      continue
    }
    const base = resolve(root, options.baseUrl ?? '.')
    for (const [pattern, targets] of Object.entries(options.paths ?? {})) {
      const [prefix, suffix = ''] = pattern.split('*')
      aliases.push({
        pattern,
        prefix,
        suffix,
        wildcard: pattern.includes('*'),
        targets: targets.map((t) => resolve(base, t)),
      })
    }
  }
  aliasCache.set(root, aliases)
  return aliases
}

/** The absolute path a specifier points at, or null for a package. */
export function resolveSpecifier(specifier, fromFile, root) {
  if (specifier.startsWith('.')) return resolve(dirname(fromFile), specifier)
  if (isAbsolute(specifier)) return specifier
  for (const alias of tsconfigAliases(root)) {
    const matches = alias.wildcard
      ? specifier.startsWith(alias.prefix) && specifier.endsWith(alias.suffix)
      : specifier === alias.pattern
    if (!matches || alias.targets.length === 0) continue
    const star = alias.wildcard
      ? specifier.slice(alias.prefix.length, specifier.length - alias.suffix.length)
      : ''
    return alias.targets[0].replace('*', star)
  }
  return null
}

function withoutExtension(path) {
  return path.replace(/\.(d\.)?[cm]?[jt]sx?$/, '').replace(/\/index$/, '')
}

/** What is wrong with importing `specifier` from `file`, or null when the table allows it. */
export function layeringProblem(specifier, file, root, { typeOnly = false } = {}) {
  const from = layerOf(relative(root, file))
  if (from === null) return null
  const target = resolveSpecifier(specifier, file, root)
  if (target === null) {
    const pkg = packageOf(specifier)
    const only = pkg === null ? undefined : packageLayers[pkg]
    if (only && !only.includes(from)) {
      const what = pkg === 'node:' ? `Node's built-in ${specifier}` : `the ${pkg} package`
      return `${from} may not import ${what}: only ${only.join(', ')} may.`
    }
    return null
  }
  const repoPath = relative(root, target)
  const to = repoPath.startsWith('..') ? null : layerOf(repoPath)
  const shown = repoPath.split(sep).join('/')
  if (to === null)
    return `${from} may import only ${describeAllowed(from)}; ${shown} lies outside every layer.`
  const launcher = launcherImports.some(
    (allowed) =>
      allowed.from === relative(root, file).split(sep).join('/') && allowed.to === withoutExtension(shown),
  )
  if (to !== from && !layers[from].may.includes(to) && !launcher) {
    return `${from} may import only ${describeAllowed(from)}, not ${to} (${shown}).`
  }
  const banned = valueImportBans[from] ?? []
  if (!typeOnly && banned.includes(withoutExtension(shown))) {
    return `${from} may take only types from ${shown}: its values would bundle npm code into it.`
  }
  return null
}

function describeAllowed(layer) {
  return [layer, ...layers[layer].may].join(', ')
}

function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true
  const specifiers = node.specifiers ?? []
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type')
}

/** The rule: `layering/layers`, option `{ root }` (default: ESLint's working directory). */
export const layeringRule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Imports follow the one table of allowed layers (STYLE.md: the house and its rooms).',
    },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: { layering: '{{problem}}' },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd
    const file = context.filename
    const check = (node, source, typeOnly) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return
      const problem = layeringProblem(source.value, file, root, { typeOnly })
      if (problem) context.report({ node: source, messageId: 'layering', data: { problem } })
    }
    return {
      ImportDeclaration: (node) => check(node, node.source, isTypeOnly(node)),
      ExportNamedDeclaration: (node) => check(node, node.source, isTypeOnly(node)),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source, false),
      TSImportType: (node) => check(node, node.source ?? node.argument?.literal ?? node.argument, true),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require')
          check(node, node.arguments[0], false)
      },
    }
  },
}

/** The plugin eslint.config.mjs registers. */
export const layeringPlugin = { rules: { layers: layeringRule } }
