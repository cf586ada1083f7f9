/**
 * A capture scenario: a short exchange produced by an implementation
 * (the learner's `exercises/` or the reference `solutions/`) and written as a
 * pcap file that Wireshark opens. Each chapter that puts packets on the wire
 * adds its scenarios to `scenarios/index.ts`.
 */
import { implLoader, type ImplLoader } from "../impl-loader.ts";
import type { CapturedPacket } from "./file.ts";
import type { SaRecord } from "./keys.ts";

export interface ScenarioContext extends ImplLoader {
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
  return { ...implLoader(implDir), startTime };
}
