/** Hands a blob to the browser as a download (no server involved). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: the download reads the blob after this returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
