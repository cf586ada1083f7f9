/**
 * `main-mode`: the seed's main mode messages 1 and 2 (192.168.12.1:500 ↔
 * 192.168.12.2:500), encoded by the chosen implementation's encodeMessage.
 */
import { udpPacket } from "../framing.ts";
import type { Scenario } from "../scenario.ts";
import { MAIN_MODE_1, MAIN_MODE_2 } from "./seed-messages.ts";

type MessageModule = typeof import("../../../../solutions/03-payloads/message.ts");

export const R1 = "192.168.12.1";
export const R2 = "192.168.12.2";

export const mainMode: Scenario = {
  name: "main-mode",
  summary: "main mode messages 1 and 2 of the seed (cleartext SA offer and answer)",
  uses: ["03-payloads/message"],
  async run(ctx) {
    const { encodeMessage } = await ctx.load<MessageModule>("03-payloads/message.ts");
    const sent = [
      { src: R1, dst: R2, payload: encodeMessage(MAIN_MODE_1) },
      { src: R2, dst: R1, payload: encodeMessage(MAIN_MODE_2) },
    ];
    return {
      packets: sent.map((m, i) => ({ time: ctx.startTime + i * 0.004, ip: udpPacket({ ...m, sport: 500, dport: 500, id: i + 1 }) })),
    };
  },
};
