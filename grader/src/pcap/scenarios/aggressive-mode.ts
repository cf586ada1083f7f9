/**
 * `aggressive-mode`: a whole aggressive mode exchange (three messages)
 * between R1 (initiator) and R2: identities and HASH_R in clear, message 3
 * encrypted.
 */
import { ExchangeType } from "@course/isakmp-names.ts";
import type { Scenario } from "../scenario.ts";
import { ENGINE_EXERCISES } from "../../ike/modules.ts";
import { ikeExchangeScenario } from "./ike-exchange.ts";

export const aggressiveMode: Scenario = {
  name: "aggressive-mode",
  summary: "a whole aggressive mode exchange (three messages; --psk, --as-seed)",
  uses: ENGINE_EXERCISES.filter((e) => !e.startsWith("09-") && !e.startsWith("10-")),
  run: (ctx) => ikeExchangeScenario(ctx, "aggressive", (t) => t === ExchangeType.AGGRESSIVE),
};
