/** Every capture scenario `ipsec-course pcap` knows, in course order. */
import type { Scenario } from "../scenario.ts";

export const SCENARIOS: readonly Scenario[] = [];

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
