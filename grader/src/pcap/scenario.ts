/**
 * A capture scenario: a short exchange produced by an implementation
 * (the learner's `exercises/` or the reference `solutions/`) and written as a
 * pcap file that Wireshark opens. Each chapter that puts packets on the wire
 * adds its scenarios to `scenarios/index.ts`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { CapturedPacket } from "./file.ts";
import type { SaRecord } from "./keys.ts";

export interface ScenarioContext {
  /** The implementation folder the scenario runs (exercises/, solutions/ or a learner's copy). */
  readonly implDir: string;
  /** Imports one module of that implementation, e.g. `load("03-payloads/message.ts")`. */
  load<T>(path: string): Promise<T>;
  /** Capture time of the first packet, seconds since the epoch; later packets add small steps. */
  readonly startTime: number;
}

export interface ScenarioOutput {
  readonly packets: readonly CapturedPacket[];
  /** The security associations in the capture, for `--keys-dir` (Wireshark's esp_sa and sa.json). */
  readonly sas?: readonly SaRecord[];
}

export interface Scenario {
  readonly name: string;
  /** One line for `ipsec-course pcap --help` and errors. */
  readonly summary: string;
  /** The exercises whose code the scenario runs: named when one is not written yet. */
  readonly uses: readonly string[];
  run(ctx: ScenarioContext): Promise<ScenarioOutput>;
}

export function scenarioContext(implDir: string, startTime: number): ScenarioContext {
  return {
    implDir,
    startTime,
    async load<T>(path: string): Promise<T> {
      const file = join(implDir, path);
      if (!existsSync(file)) throw new Error(`${path} is missing from ${implDir}`);
      return (await import(pathToFileURL(file).href)) as T;
    },
  };
}
