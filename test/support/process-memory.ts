// The memory a child process holds, sampled while it runs: the sandbox tests bound a whole process's
// resident memory, worker threads included. Linux reports the high-water mark itself (VmHWM), so a
// peak between samples is not missed; elsewhere `ps` is sampled.

import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'

async function sample(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null)
  if (status !== null) {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status) ?? /^VmRSS:\s+(\d+) kB/m.exec(status)
    return match ? Number(match[1]) * 1024 : null
  }
  const { stdout } = await promisify(execFile)('ps', ['-o', 'rss=', '-p', String(pid)]).catch(() => ({
    stdout: '',
  }))
  const kb = Number(stdout.trim())
  return stdout.trim() !== '' && Number.isFinite(kb) ? kb * 1024 : null
}

/** Sample a process's resident memory every 25 ms until `stop`, which resolves with the peak in bytes. */
export function watchPeakMemory(pid: number): { stop: () => Promise<number> } {
  let peak = 0
  let running = true
  const loop = (async () => {
    while (running) {
      const bytes = await sample(pid)
      if (bytes !== null) peak = Math.max(peak, bytes)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  })()
  return {
    stop: async () => {
      running = false
      await loop
      return peak
    },
  }
}

/** CPU seconds a process has used, where the system says (Linux); null elsewhere. */
export async function cpuSeconds(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null)
  if (stat === null) return null
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}
