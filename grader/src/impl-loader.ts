/**
 * Imports modules from one implementation folder (exercises/, solutions/ or
 * a learner's copy), for commands that run course code outside the test
 * host: capture scenarios, the key calculator.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export interface ImplLoader {
  readonly implDir: string;
  /** Imports one module of that implementation, e.g. `load("06-phase1-keys/skeyid.ts")`. */
  load<T>(path: string): Promise<T>;
}

export function implLoader(implDir: string): ImplLoader {
  return {
    implDir,
    async load<T>(path: string): Promise<T> {
      const file = join(implDir, path);
      if (!existsSync(file)) throw new Error(`${path} is missing from ${implDir}`);
      return (await import(pathToFileURL(file).href)) as T;
    },
  };
}
