/**
 * Wireshark opens the IKE captures of the reference solution with nothing
 * but the keys `--keys-dir` writes: `ikev1_decryption_table` (initiator
 * cookie, encryption key; Wireshark derives every IV itself, so this checks
 * our key and our CBC chaining independently) and `esp_sa`. Main mode
 * messages 5 and 6, aggressive mode message 3 and the three quick mode
 * messages must decrypt to well-formed payloads: identities, hashes, the
 * quick mode SA whose SPIs are those of the esp_sa lines, the proxy IDs.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { writeScenario } from "../src/commands/pcap.ts";
import { SOLUTIONS_DIR } from "../src/paths.ts";
import { interopSuite } from "./tools.ts";
import { tsharkExpert, tsharkFields } from "./tshark.ts";

const dir = mkdtempSync(join(tmpdir(), "ike-pcap-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a scenario with its keys in a Wireshark configuration folder; returns the pcap and that folder. */
async function capture(scenario: string, psk?: string): Promise<{ pcap: string; home: string }> {
  const home = join(dir, `${scenario}-${psk ?? "default"}`);
  mkdirSync(home, { recursive: true });
  const pcap = join(home, `${scenario}.pcap`);
  await writeScenario({ scenario, implDir: SOLUTIONS_DIR, out: pcap, keysDir: join(home, "wireshark"), ...(psk ? { options: { psk } } : {}) });
  return { pcap, home };
}

const FIELDS = ["isakmp.exchangetype", "isakmp.flag_e", "isakmp.typepayload", "isakmp.id.data.ipv4_addr", "isakmp.id.data.ipv4_subnet", "isakmp.hash", "isakmp.spi", "isakmp.nonce", "_ws.malformed"];

interopSuite("tshark decrypts the IKE captures with the keys --keys-dir writes", { tools: ["tshark"] }, () => {
  const files = new Map<string, { pcap: string; home: string }>();
  beforeAll(async () => {
    files.set("quick-mode", await capture("quick-mode"));
    files.set("aggressive-mode", await capture("aggressive-mode"));
    files.set("main-mode:other-psk", await capture("main-mode", "a much longer lab key"));
  });

  describe("quick-mode: main mode, then quick mode", () => {
    test("without the keys, messages 5 and 6 and quick mode stay opaque", () => {
      const { pcap } = files.get("quick-mode")!;
      const rows = tsharkFields(pcap, FIELDS, { configHome: join(dir, "no-keys") });
      expect(rows.length, "six main mode and three quick mode messages").toBe(9);
      for (const r of rows.slice(4)) expect(r["isakmp.hash"], "no HASH visible without the key").toEqual([]);
    });

    test("with them, messages 5 and 6 hold the peers' addresses and a HASH; no packet is malformed", () => {
      const { pcap, home } = files.get("quick-mode")!;
      const rows = tsharkFields(pcap, FIELDS, { configHome: home });
      for (const r of rows) expect(r["_ws.malformed"], "no malformed packet").toEqual([]);
      const [m5, m6] = [rows[4]!, rows[5]!];
      expect(m5["isakmp.flag_e"]).toEqual(["1"]);
      expect(m5["isakmp.typepayload"], "message 5: ID then HASH").toEqual(["5", "8"]);
      expect(m5["isakmp.id.data.ipv4_addr"]).toEqual(["192.168.12.1"]);
      expect(m5["isakmp.hash"]![0]!.length, "HASH_I of SHA-1: 20 octets").toBe(40);
      expect(m6["isakmp.id.data.ipv4_addr"]).toEqual(["192.168.12.2"]);
      expect(m6["isakmp.hash"]![0]!.length).toBe(40);
      expect(tsharkExpert(pcap, { configHome: home })).not.toMatch(/Malformed|Error/);
    });

    test("quick mode decrypts: HASH, SA with the esp_sa SPIs, nonce, proxy IDs 10.1.1.0/24 and 10.2.2.0/24; message 3 is a HASH", () => {
      const { pcap, home } = files.get("quick-mode")!;
      const rows = tsharkFields(pcap, FIELDS, { configHome: home }).slice(6);
      const espSa = readFileSync(join(home, "wireshark", "esp_sa"), "utf8");
      const spiTo = (dst: string) => new RegExp(`"IPv4","[0-9.]+","${dst.replace(/\./g, "\\.")}","0x([0-9a-f]{8})"`).exec(espSa)![1];
      const [q1, q2, q3] = rows as [Record<string, string[]>, Record<string, string[]>, Record<string, string[]>];
      for (const [q, spi] of [
        [q1, spiTo("192.168.12.1")],
        [q2, spiTo("192.168.12.2")],
      ] as const) {
        expect(q["isakmp.exchangetype"]).toEqual(["32"]);
        expect(q["isakmp.typepayload"]!.slice(0, 2), "HASH(1)/HASH(2) first, then the SA").toEqual(["8", "1"]);
        expect(q["isakmp.hash"]![0]!.length).toBe(40);
        expect(q["isakmp.spi"], "each side's SA carries the SPI it receives with, the one esp_sa lists towards it").toEqual([spi]);
        expect(q["isakmp.nonce"]!.length).toBe(1);
        // Wireshark shows an ID_IPV4_ADDR_SUBNET's address as ipv4_addr and its mask as ipv4_subnet.
        expect(q["isakmp.id.data.ipv4_addr"], "IDci then IDcr, from the initiator's view").toEqual(["10.1.1.0", "10.2.2.0"]);
        expect(q["isakmp.id.data.ipv4_subnet"]).toEqual(["255.255.255.0", "255.255.255.0"]);
      }
      expect(q3["isakmp.typepayload"], "HASH(3) alone").toEqual(["8"]);
    });
  });

  test("aggressive-mode: message 3 decrypts to HASH_I", () => {
    const { pcap, home } = files.get("aggressive-mode")!;
    const rows = tsharkFields(pcap, FIELDS, { configHome: home });
    expect(rows.length).toBe(3);
    expect(rows[1]!["isakmp.hash"]!.length, "HASH_R travels in clear in message 2").toBe(1);
    expect(rows[2]!["isakmp.flag_e"]).toEqual(["1"]);
    expect(rows[2]!["isakmp.typepayload"]![0], "message 3 opens with HASH_I").toBe("8");
    for (const r of rows) expect(r["_ws.malformed"]).toEqual([]);
  });

  test("main-mode with --psk: the key written follows the PSK, and Wireshark decrypts with it", () => {
    const { pcap, home } = files.get("main-mode:other-psk")!;
    const rows = tsharkFields(pcap, FIELDS, { configHome: home });
    expect(rows.map((r) => r["isakmp.id.data.ipv4_addr"]), "messages 5 and 6 decrypt to the two identities").toEqual([[], [], [], [], ["192.168.12.1"], ["192.168.12.2"]]);
    const table = (h: string) => readFileSync(join(h, "wireshark", "ikev1_decryption_table"), "utf8").split(",")[1];
    expect(table(home), "another PSK, another encryption key").not.toBe(table(files.get("quick-mode")!.home));
  });
});
