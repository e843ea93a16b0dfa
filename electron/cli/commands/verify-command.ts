// `eventscope verify DIR`: every stream and the index read, nothing written, every finding reported.

import { resolve } from 'node:path'
import { StoreError } from '../../core/errors'
import { verifyStore, type VerifyReport } from '../../core/verify/verify-store'
import { CliError } from '../cli-error'
import type { CliIo } from '../cli-io'
import { verifyJson, verifyText } from '../format/verify-format'
import { asCliError } from './as-cli-error'

/** Verify the store; exit 0 without errors (warnings allowed), 1 with errors, 2 when DIR cannot be read. */
export async function runVerify(command: { dir: string; json: boolean }, io: CliIo): Promise<number> {
  const dir = resolve(command.dir)
  let report: VerifyReport
  try {
    report = await verifyStore(dir, {
      ...(io.progress
        ? {
            onProgress: (done: number, total: number) =>
              io.progress?.(`verifying: ${done} of ${total} streams`),
          }
        : {}),
    })
  } catch (error) {
    throw unreadable(error)
  } finally {
    io.progress?.(null)
  }
  if (command.json) await io.out(`${JSON.stringify(verifyJson(report), null, 2)}\n`)
  else await io.out(`${verifyText(report, process.stdout.columns || 120).join('\n')}\n`)
  return report.ok ? 0 : 1
}

// A directory that is missing, not a directory or not listable is not a verdict on a store: exit 2.
function unreadable(error: unknown): unknown {
  const converted = asCliError(error)
  if (error instanceof StoreError && converted instanceof CliError && error.code !== 'internal')
    return new CliError(converted.message, 2)
  return converted
}
