// Saves text the renderer already holds (a projection's result) as a file, through a Blob download.

/** Offer `text` as a download named `name`; works in the browser shell and in Electron's renderer. */
export function saveText(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The click has started the download; the object URL can go once the event loop has moved on.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
