/**
 * `main-mode`: a whole main mode exchange (six messages) between two
 * simulated peers, R1 192.168.12.1 initiating and R2 192.168.12.2
 * responding; messages 5 and 6 encrypted (--keys-dir gives Wireshark the key).
 */
import { ExchangeType } from "@course/isakmp-names.ts";
import type { Scenario } from "../scenario.ts";
import { ENGINE_EXERCISES } from "../../ike/modules.ts";
import { ikeExchangeScenario } from "./ike-exchange.ts";

export const mainMode: Scenario = {
  name: "main-mode",
  summary: "a whole main mode exchange (six messages; --psk, --as-seed)",
  uses: ENGINE_EXERCISES.filter((e) => e.startsWith("07-") || e.startsWith("03-") || e.startsWith("02-")),
  run: (ctx) => ikeExchangeScenario(ctx, "main", (t) => t === ExchangeType.IDENTITY_PROTECTION),
};
