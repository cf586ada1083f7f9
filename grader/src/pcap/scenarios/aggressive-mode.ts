/** `aggressive-mode`: the seed's aggressive mode message 1 (cleartext: SA, KE, nonce, ID, vendor IDs). */
import { udpPacket } from "../framing.ts";
import type { Scenario } from "../scenario.ts";
import { R1, R2 } from "./main-mode.ts";
import { AGGRESSIVE_1 } from "./seed-messages.ts";

type MessageModule = typeof import("../../../../solutions/03-payloads/message.ts");

export const aggressiveMode: Scenario = {
  name: "aggressive-mode",
  summary: "aggressive mode message 1 of the seed (SA, KE, nonce and ID in clear)",
  uses: ["03-payloads/message"],
  async run(ctx) {
    const { encodeMessage } = await ctx.load<MessageModule>("03-payloads/message.ts");
    return { packets: [{ time: ctx.startTime, ip: udpPacket({ src: R1, dst: R2, sport: 500, dport: 500, payload: encodeMessage(AGGRESSIVE_1), id: 1 }) }] };
  },
};
