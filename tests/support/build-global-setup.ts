// Vitest globalSetup: builds the app once, before any test file starts a real server, so that test files
// running in parallel never start two `next build`s at once.
import { buildIfNeeded } from "@/scripts/build-if-needed";

export default function setup(): void {
  buildIfNeeded();
}
