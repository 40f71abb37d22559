// Saving a file from the browser: a receipt, a wallet backup. Nothing is uploaded; the browser writes it.

/** Offers `value` as a pretty-printed JSON file named `filename`. */
export function downloadJson(filename: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  // The browser has begun reading the object URL by the time the click returns; a second later it can go.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The file name of a receipt's download; the witnessed receipt's says so. */
export function receiptFilename(txId: string, isWitnessed: boolean): string {
  return `chainpay-${isWitnessed ? "witnessed-receipt" : "receipt"}-${txId.slice(0, 12)}.json`;
}
