/**
 * A capture scenario: a short exchange produced by an implementation
 * (the learner's `exercises/` or the reference `solutions/`) and written as a
 * pcap file that Wireshark opens. Each chapter that puts packets on the wire
 * adds its scenarios to `scenarios/index.ts`.
 */
import { implLoader, type ImplLoader } from "../impl-loader.ts";
import type { CapturedPacket } from "./file.ts";
import type { IkeSaRecord, SaRecord } from "./keys.ts";

/** What the command line may change about a scenario (the IKE scenarios read them). */
export interface ScenarioOptions {
  /** The pre-shared key both simulated peers use. */
  readonly psk?: string;
  /** Configure the peers like the seed's routers (its vendor IDs, nonces, cookies), for captures the seed's size. */
  readonly asSeed?: boolean;
}

export interface ScenarioContext extends ImplLoader {
  /** Capture time of the first packet, seconds since the epoch; later packets add small steps. */
  readonly startTime: number;
  readonly options: ScenarioOptions;
}

export interface ScenarioOutput {
  readonly packets: readonly CapturedPacket[];
  /** The security associations in the capture, for `--keys-dir` (Wireshark's esp_sa and sa.json). */
  readonly sas?: readonly SaRecord[];
  /** The IKE SAs, for `--keys-dir` (Wireshark's ikev1_decryption_table). */
  readonly ikeSas?: readonly IkeSaRecord[];
}

export interface Scenario {
  readonly name: string;
  /** One line for `ipsec-course pcap --help` and errors. */
  readonly summary: string;
  /** The exercises whose code the scenario runs: named when one is not written yet. */
  readonly uses: readonly string[];
  run(ctx: ScenarioContext): Promise<ScenarioOutput>;
}

export function scenarioContext(implDir: string, startTime: number, options: ScenarioOptions = {}): ScenarioContext {
  return { ...implLoader(implDir), startTime, options };
}
