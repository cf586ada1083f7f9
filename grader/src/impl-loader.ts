/**
 * Imports modules from one implementation folder (exercises/, solutions/ or
 * a learner's copy), for commands that run course code outside the test
 * host: capture scenarios, the key calculator, the IKE peer and the tunnel.
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

/**
 * Imports `path` and checks that it exports each of `names` as a function,
 * naming the exercise to finish if one is missing. A stub passes: its
 * functions exist and throw "not started" only when called.
 */
export async function loadFunctions<N extends string>(loader: ImplLoader, path: string, names: readonly N[]): Promise<Record<N, unknown>> {
  const mod = await loader.load<Record<string, unknown>>(path);
  for (const name of names) {
    if (typeof mod[name] !== "function") throw new Error(`${path} in ${loader.implDir} does not export ${name} (exercise ${path.replace(/\.ts$/, "")})`);
  }
  return mod as Record<N, unknown>;
}
