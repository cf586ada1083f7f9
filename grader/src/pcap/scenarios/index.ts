/** Every capture scenario `ipsec-course pcap` knows, in course order. */
import type { Scenario } from "../scenario.ts";
import { aggressiveMode } from "./aggressive-mode.ts";
import { mainMode } from "./main-mode.ts";

export const SCENARIOS: readonly Scenario[] = [mainMode, aggressiveMode];

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
