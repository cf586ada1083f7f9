/** Every capture scenario `ipsec-course pcap` knows, in course order. */
import type { Scenario } from "../scenario.ts";
import { aggressiveMode } from "./aggressive-mode.ts";
import { ahEspTransport } from "./ah-esp-transport.ts";
import { ahEspTunnel } from "./ah-esp-tunnel.ts";
import { ahTransport } from "./ah-transport.ts";
import { ahTunnel } from "./ah-tunnel.ts";
import { espTransport } from "./esp-transport.ts";
import { espTunnel } from "./esp-tunnel.ts";
import { mainMode } from "./main-mode.ts";
import { quickMode } from "./quick-mode.ts";
import { tunnel } from "./tunnel.ts";

export const SCENARIOS: readonly Scenario[] = [mainMode, aggressiveMode, quickMode, ahTransport, ahTunnel, espTransport, espTunnel, ahEspTransport, ahEspTunnel, tunnel];

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
