/** Saves data as a file through a Blob and an object URL: no network involved. */

/** Triggers a download of `data` named `fileName`. */
export function downloadFile(data: BlobPart, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Triggers a download of `text` (UTF-8) named `fileName`. */
export function downloadText(text: string, fileName: string, type: string): void {
  downloadFile(text, fileName, type);
}
