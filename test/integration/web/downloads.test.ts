// The browser shell's downloads: an export runs when the browser fetches its address, and the page,
// which cannot read that answer, hears what it holds (events, lines left out) before it is sent.

import { writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { ExportResult } from '../../../electron/core/export/run-export'
import { Downloads } from '../../../electron/web/downloads'

let server: Server | null = null

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = null
})

/** Serve `downloads` on a free loopback port; the base address. */
async function serving(downloads: Downloads): Promise<string> {
  server = createServer((request, response) => {
    const id = /^\/download\/([0-9a-f]{32})$/.exec(request.url ?? '')?.[1] ?? ''
    void downloads.serve(id, request, response)
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('Downloads', () => {
  it('given an export with damaged lines left out, when the browser fetches it, then the page is told what it holds, and the file is sent', async () => {
    const told: { taskId: string; result: ExportResult }[] = []
    const downloads = new Downloads((taskId, result) => told.push({ taskId, result }))
    const base = await serving(downloads)
    const text = '{"a":1}\n{"a":2}\n'
    const path = downloads.offer(
      { taskId: 'export-7', format: 'jsonl', aggregateIds: ['a-1'] },
      async (out) => {
        await writeFile(out, text)
        return { out, format: 'jsonl', streams: 1, events: 2, skippedLines: 1, bytes: text.length }
      },
    )
    const response = await fetch(`${base}${path}`)
    expect(await response.text()).toBe(text)
    expect(told).toEqual([
      { taskId: 'export-7', result: expect.objectContaining({ events: 2, skippedLines: 1 }) },
    ])
  })

  it('given an export that fails, when fetched, then the page is told nothing and the browser gets the reason', async () => {
    const told: string[] = []
    const downloads = new Downloads((taskId) => told.push(taskId))
    const base = await serving(downloads)
    const path = downloads.offer({ taskId: 'export-8', format: 'csv', aggregateIds: [] }, async () => {
      throw new Error('disk full')
    })
    const response = await fetch(`${base}${path}`)
    expect(response.status).toBe(500)
    expect(told).toEqual([])
  })
})
