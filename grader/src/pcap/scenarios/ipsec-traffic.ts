/**
 * The seed's ping, protected: the shared body of the six AH/ESP scenarios.
 * R1 (192.168.12.1) pings R2 (192.168.12.2) with 72 data bytes and R2
 * answers, a few times; each direction has its own SA (as quick mode makes
 * them), with fixed SPIs and keys so that the capture and its keys are the
 * same on every run. The packets are built by the chosen implementation's
 * chapter 11-14 code; the IVs are derived from the SPI and sequence number,
 * so a capture is byte-identical between runs (a real sender draws them at random).
 */
import { createHash } from "node:crypto";
import type { CapturedPacket } from "../file.ts";
import type { SaRecord } from "../keys.ts";
import type { Scenario, ScenarioContext, ScenarioOutput } from "../scenario.ts";

type Layout = "ah" | "esp" | "ah-esp";
type Mode = "transport" | "tunnel";

const R1 = "192.168.12.1";
const R2 = "192.168.12.2";
const PINGS = 3;
/** 72 data bytes, the 0xabcd pattern of a Cisco ping: the seed's `Data (72 bytes)`. */
const PING_DATA = Uint8Array.from({ length: 72 }, (_, i) => (i % 2 === 0 ? 0xab : 0xcd));

interface Direction {
  readonly src: string;
  readonly dst: string;
  readonly ahSpi: number;
  readonly espSpi: number;
}

/** The SPIs of the seed's captures for the R1 → R2 direction; R2 → R1 gets its own. */
const SEED_SPIS: Record<Layout, Record<Mode, readonly [number, number]>> = {
  ah: { transport: [0xcf54ccdf, 0], tunnel: [0x646adc80, 0] },
  esp: { transport: [0, 0x36cb42df], tunnel: [0, 0x8bb181a7] },
  "ah-esp": { transport: [0xa90dc9aa, 0xd2264f7a], tunnel: [0xa00ff1c7, 0x233ebd83] },
};

/** A key of `n` bytes derived from a label: fixed, but no two alike. */
function key(label: string, n: number): Uint8Array {
  return Uint8Array.from(createHash("sha256").update(label).digest().subarray(0, n));
}

interface AhSa { readonly spi: number; readonly integrity: "hmac-sha1-96"; readonly integrityKey: Uint8Array }
interface EspSa { readonly spi: number; readonly encryption: "aes-128-cbc"; readonly encryptionKey: Uint8Array; readonly integrity: "hmac-sha1-96" | "none"; readonly integrityKey: Uint8Array }
interface Outer { readonly src: string; readonly dst: string; readonly identification: number }
type Pinger = (o: { src: string; dst: string; identification: number; echo: { type: 0 | 8; identifier: number; sequence: number; data: Uint8Array } }) => Uint8Array;

/** The modules of the course the scenarios run, as the chapters export them. */
interface Modules {
  readonly icmp: { pingPacket: Pinger };
  readonly ah: { ahTransport(p: Uint8Array, sa: AhSa, seq: number): Uint8Array; ahTunnel(p: Uint8Array, sa: AhSa, seq: number, outer: Outer): Uint8Array };
  readonly esp: { espTransport(p: Uint8Array, sa: EspSa, seq: number, iv?: Uint8Array): Uint8Array; espTunnel(p: Uint8Array, sa: EspSa, seq: number, outer: Outer, iv?: Uint8Array): Uint8Array };
  readonly bundle: {
    bundleTransport(p: Uint8Array, b: { ah: AhSa; esp: EspSa }, seq: { ah: number; esp: number }, iv?: Uint8Array): Uint8Array;
    bundleTunnel(p: Uint8Array, b: { ah: AhSa; esp: EspSa }, seq: { ah: number; esp: number }, outer: Outer, iv?: Uint8Array): Uint8Array;
  };
}

const USES: Record<Layout, readonly string[]> = {
  ah: ["11-ipv4/icmp", "12-ah/protect"],
  esp: ["11-ipv4/icmp", "13-esp/encapsulate"],
  "ah-esp": ["11-ipv4/icmp", "14-ah-esp/outbound"],
};

async function load(ctx: ScenarioContext, layout: Layout): Promise<Modules> {
  const none = {} as never;
  return {
    icmp: await ctx.load("11-ipv4/icmp.ts"),
    ah: layout === "ah" ? await ctx.load("12-ah/protect.ts") : none,
    esp: layout === "esp" ? await ctx.load("13-esp/encapsulate.ts") : none,
    bundle: layout === "ah-esp" ? await ctx.load("14-ah-esp/outbound.ts") : none,
  };
}

export function ipsecScenario(layout: Layout, mode: Mode): Scenario {
  const name = `${layout}-${mode}`;
  const what = { ah: "AH (HMAC-SHA1-96)", esp: "ESP (AES-128-CBC, HMAC-SHA1-96)", "ah-esp": "AH (HMAC-SHA1-96) outside ESP (AES-128-CBC, no ICV)" }[layout];
  return {
    name,
    summary: `the seed's ping both ways, ${what} in ${mode} mode`,
    uses: USES[layout],
    async run(ctx: ScenarioContext): Promise<ScenarioOutput> {
      const m = await load(ctx, layout);
      const [ahSpi, espSpi] = SEED_SPIS[layout][mode];
      const dirs: Direction[] = [
        { src: R1, dst: R2, ahSpi, espSpi },
        // The other direction's SA has its own SPI, chosen by R1 as the receiver.
        { src: R2, dst: R1, ahSpi: ahSpi && (ahSpi ^ 0x5a5a5a5a) >>> 0, espSpi: espSpi && (espSpi ^ 0x5a5a5a5a) >>> 0 },
      ];
      const sas = dirs.map((d) => ({
        ah: { spi: d.ahSpi, integrity: "hmac-sha1-96" as const, integrityKey: key(`${name} ah ${d.src}`, 20) },
        esp: {
          spi: d.espSpi,
          encryption: "aes-128-cbc" as const,
          encryptionKey: key(`${name} esp enc ${d.src}`, 16),
          integrity: layout === "ah-esp" ? ("none" as const) : ("hmac-sha1-96" as const),
          integrityKey: layout === "ah-esp" ? new Uint8Array(0) : key(`${name} esp auth ${d.src}`, 20),
        },
      }));
      const packets: CapturedPacket[] = [];
      const ipId = [0x0028, 0x0100];
      const tunnelId = [0x0215, 0x0300];
      for (let i = 0; i < PINGS; i++) {
        for (const side of [0, 1] as const) {
          const d = dirs[side]!;
          const sa = sas[side]!;
          const seq = i + 1;
          const ping = m.icmp.pingPacket({ src: d.src, dst: d.dst, identification: ipId[side]! + i, echo: { type: side === 0 ? 8 : 0, identifier: 8, sequence: i, data: PING_DATA } });
          const outer = { src: d.src, dst: d.dst, identification: tunnelId[side]! + i };
          const iv = key(`iv ${d.espSpi} ${seq}`, 16);
          let ip: Uint8Array;
          if (layout === "ah") ip = mode === "transport" ? m.ah.ahTransport(ping, sa.ah, seq) : m.ah.ahTunnel(ping, sa.ah, seq, outer);
          else if (layout === "esp") ip = mode === "transport" ? m.esp.espTransport(ping, sa.esp, seq, iv) : m.esp.espTunnel(ping, sa.esp, seq, outer, iv);
          else ip = mode === "transport" ? m.bundle.bundleTransport(ping, sa, { ah: seq, esp: seq }, iv) : m.bundle.bundleTunnel(ping, sa, { ah: seq, esp: seq }, outer, iv);
          packets.push({ time: ctx.startTime + i + side * 0.002, ip });
        }
      }
      const records: SaRecord[] = dirs.flatMap((d, side) => {
        const sa = sas[side]!;
        const out: SaRecord[] = [];
        if (layout !== "esp") out.push({ protocol: "AH", spi: d.ahSpi, src: d.src, dst: d.dst, mode, encryption: "null", encryptionKey: new Uint8Array(0), integrity: "hmac-sha1-96", integrityKey: sa.ah.integrityKey });
        if (layout !== "ah") out.push({ protocol: "ESP", spi: d.espSpi, src: d.src, dst: d.dst, mode, encryption: "aes-cbc", encryptionKey: sa.esp.encryptionKey, integrity: sa.esp.integrity === "none" ? "none" : "hmac-sha1-96", integrityKey: sa.esp.integrityKey });
        return out;
      });
      return { packets, sas: records };
    },
  };
}
