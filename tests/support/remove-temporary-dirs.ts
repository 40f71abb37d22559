// A Vitest setup file: after each test file (and after its own afterAll hooks, which stop its servers), the
// temporary directories it made are removed.
import { afterAll } from "vitest";
import { removeTemporaryDirs } from "./temporary-dirs";

afterAll(removeTemporaryDirs);
