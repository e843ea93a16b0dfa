// Starts a browser download of an address the host answered (browser shell exports).

/**
 * Follow `url` with a hidden `<a download>`, so the page stays where it is.
 *
 * The address is relative to the page and authenticated by the session cookie, so nothing is added to it.
 */
export function startDownload(url: string): void {
  const link = document.createElement('a')
  link.href = url
  link.download = ''
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
}
