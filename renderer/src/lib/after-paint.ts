// Work that should not compete with the frame being drawn: run once the next frame is painted (a
// timeout queued from requestAnimationFrame runs after that frame), or after `latestMs` when no frame
// comes (a hidden tab draws none), or at once as a task where there are no frames at all (tests).

export function afterNextPaint(then: () => void, latestMs = 250): void {
  let done = false
  const once = (): void => {
    if (done) return
    done = true
    then()
  }
  if (typeof requestAnimationFrame !== 'function') return void setTimeout(once, 0)
  requestAnimationFrame(() => setTimeout(once, 0))
  setTimeout(once, latestMs)
}
