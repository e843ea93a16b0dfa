// Calls a function once its argument has been stable for `delay` milliseconds.

import { useEffect, useEffectEvent, useRef } from 'react'

/** Run `effect(value)` after `value` stops changing for `delay` ms (skipping the first render). */
export function useDebouncedEffect<T>(value: T, delay: number, effect: (value: T) => void): void {
  const fire = useEffectEvent(effect)
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    const timer = setTimeout(() => fire(value), delay)
    return () => clearTimeout(timer)
  }, [value, delay])
}
