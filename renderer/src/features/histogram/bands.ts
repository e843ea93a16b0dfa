// The colours of the histogram's stacked bands: the most frequent types first, then "other".

import { shownTypes } from './histogram-scale'

const palette = ['#4c7bd9', '#e08a3c', '#4aa37a', '#c2508a', '#8a6fd1', '#3aa6b9', '#c9a43a']
const other = '#9aa3ad'

/** The fill of band `index` (`shownTypes` and above: "other"). */
export function bandColor(index: number): string {
  return index < shownTypes ? (palette[index] ?? other) : other
}
