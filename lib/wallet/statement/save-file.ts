// Saving a statement from the browser: the text becomes a file the browser writes; nothing is uploaded.

/** Offers `text` as a file named `filename` of media type `type`. */
export function saveTextFile(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  // The browser has begun reading the object URL by the time the click returns; a second later it can go.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
