// The stream files of a store with their sizes, and throttled progress over reading them.

import { stat } from 'node:fs/promises'
import { listStreamFiles, type StreamFile } from '../store/store-files'

export interface StoreStreams {
  readonly streams: StreamFile[]
  readonly totalBytes: number
}

/** Every stream file of the store (sorted by aggregate id) and their total size. One readdir, one stat each. */
export async function storeStreams(dir: string): Promise<StoreStreams> {
  const { streams } = await listStreamFiles(dir)
  const sizes = await Promise.all(
    streams.map((stream) =>
      stat(stream.file).then(
        (info) => info.size,
        () => 0,
      ),
    ),
  )
  return { streams, totalBytes: sizes.reduce((sum, size) => sum + size, 0) }
}

export interface ScanProgress {
  readonly scannedBytes: number
  readonly totalBytes: number
}

/** Counts bytes read and calls `report` at most every 100 ms, and once more at the end. */
export class ProgressMeter {
  scannedBytes = 0
  private last = 0

  constructor(
    readonly totalBytes: number,
    private readonly report?: (progress: ScanProgress) => void,
  ) {}

  add(bytes: number): void {
    this.scannedBytes += bytes
    const now = Date.now()
    if (now - this.last < 100) return
    this.last = now
    this.report?.({ scannedBytes: this.scannedBytes, totalBytes: this.totalBytes })
  }

  finish(): void {
    this.report?.({ scannedBytes: this.scannedBytes, totalBytes: this.totalBytes })
  }
}
