// Exports in the browser shell: export.run registers what to export and answers with an address; the
// browser's download of that address runs the export into a temporary file and streams it out.

import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ExportSpec } from '../../shared/contract'
import { suggestedExportName } from '../core/api/export-handlers'
import { StoreError } from '../core/errors'
import type { ExportWriter } from '../core/api/shell-services'
import type { ExportResult } from '../core/export/run-export'
import { sendText } from './static-files'

const offerLifetimeMs = 5 * 60_000
const contentTypes: Record<string, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  state: 'application/json; charset=utf-8',
}

/** What a download holds, told once its export is written and before it is sent. */
export type DownloadReady = (taskId: string, result: ExportResult) => void

export class Downloads {
  private readonly offers = new Map<string, { spec: ExportSpec; write: ExportWriter; expires: number }>()

  /** `onReady`: the page hears what the download holds (lines left out), which the browser keeps to itself. */
  constructor(private readonly onReady: DownloadReady = () => {}) {}

  /** Register an export; the returned address is good for one download within five minutes. */
  offer(spec: ExportSpec, write: ExportWriter): string {
    if (spec.format === 'store') {
      throw new StoreError(
        'unsupported',
        'A store directory cannot be downloaded; use the desktop app or `eventscope export DIR --format store --out NEW_DIR`.',
      )
    }
    const id = randomBytes(16).toString('hex')
    this.offers.set(id, { spec, write, expires: Date.now() + offerLifetimeMs })
    return `/download/${id}`
  }

  /** Serve `/download/<id>`: run the export, stream it, remove the temporary file. */
  async serve(id: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const offer = this.offers.get(id)
    this.offers.delete(id)
    if (!offer || offer.expires < Date.now())
      return sendText(response, 404, 'This download has expired; export again.')
    const folder = await mkdtemp(join(tmpdir(), 'eventscope-export-'))
    const name = suggestedExportName(offer.spec)
    const controller = new AbortController()
    request.on('close', () => controller.abort())
    try {
      const result = await offer.write(join(folder, name), controller.signal)
      this.onReady(offer.spec.taskId, result)
      response.writeHead(200, {
        'Content-Type': contentTypes[offer.spec.format] ?? 'application/octet-stream',
        'Content-Disposition': `attachment; filename="${name.replace(/[^\w.@-]/g, '_')}"`,
        'Content-Length': String(result.bytes),
        'X-Content-Type-Options': 'nosniff',
        'X-Eventscope-Events': String(result.events),
        'X-Eventscope-Skipped-Lines': String(result.skippedLines),
      })
      await new Promise<void>((resolve, reject) => {
        createReadStream(result.out).on('error', reject).on('end', resolve).pipe(response)
      })
    } catch (error) {
      if (!response.headersSent)
        sendText(
          response,
          error instanceof StoreError ? 400 : 500,
          error instanceof StoreError ? error.message : 'Export failed.',
        )
      else response.destroy()
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  }
}
