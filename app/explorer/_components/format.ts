// Shared formatting for explorer pages (server and client).
export function shortHash(hash: string, length = 10): string {
  return hash.length <= length * 2 ? hash : `${hash.slice(0, length)}…${hash.slice(-6)}`;
}

export function relativeTime(iso: string, nowMs = Date.now()): string {
  const seconds = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}
