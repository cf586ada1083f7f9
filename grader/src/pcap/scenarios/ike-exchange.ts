/**
 * The IKE capture scenarios: two simulated peers (R1 192.168.12.1
 * initiating, R2 192.168.12.2 responding, as in the seed) run the chosen
 * implementation through the course's IKE peer over the in-memory link, and
 * what crossed the link becomes the capture. The keys go with it: the IKE
 * SA's encryption key for Wireshark's ikev1_decryption_table and the CHILD
 * SA's for its esp_sa table, so Wireshark opens messages 5 and 6 and quick
 * mode.
 *
 * By default both peers use the course's configuration file defaults with
 * the PSK "cisco" (the seed's) or --psk. With --as-seed they are configured
 * like the seed's routers: their vendor IDs, 20-octet nonces, group 2 and the
 * seed's cookies, so main mode messages 1-4 are 168, 108, 284 and 304 octets
 * and aggressive mode message 1 is 388, as in the seed's captures.
 */
import { ExchangeType } from "@course/isakmp-names.ts";
import type { Phase1Config } from "../../ike/modules.ts";
import { peerSettings, type PeerSettings } from "../../ike/config.ts";
import { scriptedRandom, seededRandom } from "../../ike/seeded-random.ts";
import { simulate } from "../../ike/simulate.ts";
import { NAT_T_PORT } from "../../ike/transport.ts";
import { udpPacket } from "../framing.ts";
import { childSaRecords } from "../keys.ts";
import type { ScenarioContext, ScenarioOutput } from "../scenario.ts";
import { SEED_PSK, SEED_R1, SEED_R2, SEED_VENDOR_IDS, seedInitiatorConfig, seedResponderConfig } from "./seed-config.ts";

/** The seed's cookies (main mode, with the printing error in message 1 corrected). */
export const SEED_COOKIES = { initiator: "e47a59ffd057587f", responder: "a00b8ef0902bb8ec" } as const;

const SUBNETS = { r1: "10.1.1.0/24", r2: "10.2.2.0/24" } as const;
const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, "hex"));

function peer(ctx: ScenarioContext, mode: "main" | "aggressive", side: "r1" | "r2"): PeerSettings {
  const [me, other] = side === "r1" ? [SEED_R1, SEED_R2] : [SEED_R2, SEED_R1];
  const psk = ctx.options.psk ?? SEED_PSK;
  const label = `pcap:${mode}:${side}`;
  const random = ctx.options.asSeed ? scriptedRandom([bytes(side === "r1" ? SEED_COOKIES.initiator : SEED_COOKIES.responder)], seededRandom(label)) : seededRandom(label);
  const base = peerSettings(
    { local: me.address, remote: other.address, psk, mode, localSubnet: SUBNETS[side], remoteSubnet: SUBNETS[side === "r1" ? "r2" : "r1"] },
    random,
  );
  if (!ctx.options.asSeed) return base;
  const seed = side === "r1" ? seedInitiatorConfig(random) : seedResponderConfig(random);
  const phase1: Phase1Config = { ...seed, psk: new TextEncoder().encode(psk) };
  if (mode === "main" || side === "r2") return { ...base, phase1 };
  // The seed's aggressive mode message 1: ID bound to port 0, then DPD, XAUTH and the unknown vendor ID.
  const v = SEED_VENDOR_IDS;
  return {
    ...base,
    phase1: { ...phase1, identity: { ...phase1.identity, port: 0 }, vendorIds: { sa: phase1.vendorIds.sa, keyExchange: [v.dpd, v.xauth, v.unknown] } },
  };
}

/**
 * Runs phase 1 in `mode` and quick mode, and writes the messages of the
 * exchanges `keep` selects (by ISAKMP exchange type).
 */
export async function ikeExchangeScenario(ctx: ScenarioContext, mode: "main" | "aggressive", keep: (exchangeType: number) => boolean): Promise<ScenarioOutput> {
  const quick = keep(ExchangeType.QUICK_MODE);
  const sim = await simulate(ctx, peer(ctx, mode, "r1"), peer(ctx, mode, "r2"), { phase1Only: !quick });
  const failed = sim.initiator.error ?? sim.responder.error;
  if (failed || !sim.initiator.outcome) throw new Error(`the simulated exchange failed: ${failed?.message ?? "no SA"}\n${sim.log.join("\n")}`);
  const packets = sim.wire
    .filter((w) => keep((w.src.port === NAT_T_PORT ? w.payload.subarray(4) : w.payload)[18] ?? -1))
    .map((w, i) => ({
      time: ctx.startTime + w.time / 1000,
      ip: udpPacket({ src: w.src.address, dst: w.dst.address, sport: w.src.port, dport: w.dst.port, payload: w.payload, id: i + 1 }),
    }));
  const { ike, children } = sim.initiator.outcome;
  return {
    packets,
    ikeSas: [{ initiatorCookie: ike.ckyI, encryptionKey: ike.keys.encKey }],
    ...(quick ? { sas: children.flatMap((c) => childSaRecords(c, ike.local.address, ike.remote.address)) } : {}),
  };
}
