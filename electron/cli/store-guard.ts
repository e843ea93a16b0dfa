// `gen` and `init` write into a directory only when no store is there: they must never overwrite
// anyone's events. The rule lives in core, next to `initStore`, which applies it too.

export { existingStoreReason } from '../core/write/init-store'
