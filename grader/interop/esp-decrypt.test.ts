/**
 * The six AH/ESP scenarios of chapters 12-14, produced by the reference
 * solution and read by tshark with the keys `--keys-dir` writes: Wireshark
 * decrypts every ESP packet with its own AES-CBC, checks every ESP ICV with its
 * own HMAC, finds the inner ping intact, and a copy with one flipped bit is
 * reported bad. The outer lengths are the seed's. Wireshark does not check AH
 * ICVs, so for AH tshark checks their length and position, and node:crypto
 * recomputes them from sa.json by RFC 4302's rule.
 */
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { pcapFile } from "../src/pcap/file.ts";
import { writeKeysDir } from "../src/pcap/keys.ts";
import { scenarioContext } from "../src/pcap/scenario.ts";
import { findScenario } from "../src/pcap/scenarios/index.ts";
import { SOLUTIONS_DIR } from "../src/paths.ts";
import { interopSuite } from "./tools.ts";
import { tsharkFields } from "./tshark.ts";

const dir = mkdtempSync(join(tmpdir(), "esp-decrypt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ESP_PREFS = { "esp.enable_encryption_decode": "TRUE", "esp.enable_authentication_check": "TRUE" };
const FIELDS = ["ip.len", "ip.proto", "ah.spi", "ah.icv", "ah.next_header", "esp.spi", "esp.sequence", "esp.icv_good", "esp.icv_bad", "esp.pad_len", "icmp.type", "icmp.ident", "icmp.seq", "data.len"];

/** The seed's outer Total Length for each scenario, and the inner packet's (tunnel mode). */
const CASES = [
  { name: "ah-transport", lengths: ["124"], esp: false, ah: true, icv: true },
  { name: "ah-tunnel", lengths: ["144", "100"], esp: false, ah: true, icv: true },
  { name: "esp-transport", lengths: ["152"], esp: true, ah: false, icv: true },
  { name: "esp-tunnel", lengths: ["168", "100"], esp: true, ah: false, icv: true },
  { name: "ah-esp-transport", lengths: ["164"], esp: true, ah: true, icv: false },
  { name: "ah-esp-tunnel", lengths: ["180", "100"], esp: true, ah: true, icv: false },
] as const;

async function capture(name: string, alter?: (ip: Uint8Array[]) => void): Promise<{ pcap: string; configHome: string }> {
  const out = await findScenario(name)!.run(scenarioContext(SOLUTIONS_DIR, 1_767_225_600));
  const ips = out.packets.map((p) => p.ip.slice());
  alter?.(ips);
  const pcap = join(dir, `${name}${alter ? "-altered" : ""}.pcap`);
  writeFileSync(pcap, pcapFile(out.packets.map((p, i) => ({ time: p.time, ip: ips[i]! }))));
  const configHome = join(dir, name);
  writeKeysDir(join(configHome, "wireshark"), out.sas ?? []);
  return { pcap, configHome };
}

/** RFC 4302 section 3.3.3 by hand: HMAC-SHA1 over the packet with DS, flags/offset, TTL, checksum and ICV zeroed. */
function ahIcvByHand(ip: Uint8Array, key: Uint8Array): string {
  const z = ip.slice();
  z[1] = 0;
  z.fill(0, 6, 9);
  z.fill(0, 10, 12);
  z.fill(0, 32, 44);
  return createHmac("sha1", key).update(z).digest().subarray(0, 12).toString("hex");
}

interopSuite("AH and ESP captures read by tshark", { tools: ["tshark"] }, () => {
  for (const c of CASES) {
    test(`${c.name}: the seed's lengths, ${c.esp ? "ESP decrypted with the esp_sa keys, " : ""}the inner ping intact`, async () => {
      const { pcap, configHome } = await capture(c.name);
      const rows = tsharkFields(pcap, FIELDS, { prefs: ESP_PREFS, configHome });
      expect(rows, "packets in the capture: 3 echo requests and 3 replies").toHaveLength(6);
      rows.forEach((r, i) => {
        const what = `${c.name} packet ${i + 1}`;
        expect(r["ip.len"], `${what}: IPv4 Total Length(s) as tshark reads them, against the seed's`).toEqual([...c.lengths]);
        expect(r["icmp.type"], `${what}: the ICMP type tshark found after ${c.esp ? "decrypting" : "AH"}`).toEqual([i % 2 === 0 ? "8" : "0"]);
        expect(r["icmp.ident"], `${what}: ICMP identifier`).toEqual(["8"]);
        expect(r["icmp.seq"], `${what}: ICMP sequence number`).toEqual([String(i >> 1)]);
        expect(r["data.len"], `${what}: ICMP data length`).toEqual(["72"]);
        if (c.esp) {
          expect(r["esp.sequence"], `${what}: ESP sequence number`).toEqual([String((i >> 1) + 1)]);
          expect(r["esp.pad_len"], `${what}: ESP pad length Wireshark read after decrypting`).toEqual([c.lengths.length === 2 ? "10" : "14"]);
          if (c.icv) expect(r["esp.icv_good"], `${what}: Wireshark's own HMAC-SHA-1-96 check of the ESP ICV`).toEqual(["1"]);
        }
        if (c.ah) {
          expect(r["ah.icv"]?.[0], `${what}: AH ICV as tshark delimits it (12 bytes for HMAC-SHA1-96)`).toMatch(/^[0-9a-f]{24}$/);
          expect(r["ah.next_header"], `${what}: AH next header`).toEqual([c.esp ? "50" : c.lengths.length === 2 ? "4" : "1"]);
        }
      });
    });
  }

  test("AH ICVs recomputed from sa.json with node:crypto match the ICVs tshark shows", async () => {
    for (const name of ["ah-transport", "ah-tunnel", "ah-esp-transport", "ah-esp-tunnel"]) {
      const out = await findScenario(name)!.run(scenarioContext(SOLUTIONS_DIR, 1_767_225_600));
      const { pcap, configHome } = await capture(name);
      const keys = JSON.parse(readFileSync(join(configHome, "wireshark", "sa.json"), "utf8")) as { sas: { protocol: string; spi: string; integrity_key: string }[] };
      const rows = tsharkFields(pcap, ["ah.spi", "ah.icv"]);
      rows.forEach((r, i) => {
        const sa = keys.sas.find((s) => s.protocol === "AH" && Number(s.spi) === Number(r["ah.spi"]![0]))!;
        expect(r["ah.icv"], `${name} packet ${i + 1}: AH ICV`).toEqual([ahIcvByHand(out.packets[i]!.ip, Buffer.from(sa.integrity_key, "hex"))]);
      });
    }
  });

  test("one flipped bit in an ESP packet: Wireshark reports its ICV bad, and only that packet's", async () => {
    for (const name of ["esp-transport", "esp-tunnel"]) {
      const { pcap, configHome } = await capture(name, (ips) => {
        ips[2]![60]! ^= 0x01; // packet 3, inside the ciphertext
      });
      const rows = tsharkFields(pcap, ["esp.icv_good", "esp.icv_bad"], { prefs: ESP_PREFS, configHome });
      rows.forEach((r, i) => {
        if (i === 2) expect(r["esp.icv_bad"], `${name}: the altered packet's ICV status`).toEqual(["1"]);
        else expect(r["esp.icv_good"], `${name} packet ${i + 1}: untouched packets stay good`).toEqual(["1"]);
      });
    }
  });
});
