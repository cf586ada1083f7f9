/**
 * `quick-mode`: main mode, then quick mode, between R1 and R2: the IPsec SA
 * pair for 10.1.1.0/24 <-> 10.2.2.0/24. --keys-dir writes the IKE key and
 * both ESP SAs.
 */
import { ExchangeType } from "@course/isakmp-names.ts";
import type { Scenario } from "../scenario.ts";
import { ENGINE_EXERCISES } from "../../ike/modules.ts";
import { ikeExchangeScenario } from "./ike-exchange.ts";

export const quickMode: Scenario = {
  name: "quick-mode",
  summary: "main mode then quick mode (nine messages; --psk, --as-seed)",
  uses: ENGINE_EXERCISES,
  run: (ctx) => ikeExchangeScenario(ctx, "main", (t) => t === ExchangeType.IDENTITY_PROTECTION || t === ExchangeType.QUICK_MODE),
};
