// Small inline SVG icons; system fonts lack the media-control glyphs on some platforms.

const paths = {
  first: 'M3 2v8M10 2 4.5 6 10 10z',
  prev: 'M9 2 3.5 6 9 10z',
  next: 'M3 2l5.5 4L3 10z',
  last: 'M9 2v8M2 2l5.5 4L2 10z',
  play: 'M3 1.5l7 4.5-7 4.5z',
  pause: 'M3.5 2v8M8.5 2v8',
  previousHit: 'M10 2 5 6l5 4zM2.5 4.2a1.8 1.8 0 1 0 0 3.6a1.8 1.8 0 1 0 0-3.6',
  nextHit: 'M2 2l5 4-5 4zM9.5 4.2a1.8 1.8 0 1 0 0 3.6a1.8 1.8 0 1 0 0-3.6',
} as const

// Line icons: strokes only (a filled chevron would be a triangle).
const lines = {
  expandAll: 'M3 4.5 6 1.5 9 4.5M3 7.5 6 10.5 9 7.5',
  collapseAll: 'M3 1.5 6 4.5 9 1.5M3 10.5 6 7.5 9 10.5',
} as const

/** A 12×12 stroke-and-fill icon by name. */
export function Icon(props: { readonly name: keyof typeof paths | keyof typeof lines }) {
  if (props.name in lines) {
    return (
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
        <path
          d={lines[props.name as keyof typeof lines]}
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
    )
  }
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <path
        d={paths[props.name as keyof typeof paths]}
        fill="currentColor"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinejoin="round"
      />
    </svg>
  )
}
