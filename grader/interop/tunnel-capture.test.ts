/**
 * The `tunnel` capture scenario (two reference 16-tunnel gateways, pings
 * 10.1.0.1 <-> 10.2.0.1) read by tshark: Wireshark's UDP-encapsulation
 * dissector finds ESP behind UDP 4500 with no non-ESP marker (RFC 3948),
 * decrypts it with nothing but the esp_sa file `--keys-dir` writes, checks
 * every ICV with its own HMAC-SHA-1-96, and finds the inner pings with the
 * addresses of the protected subnets. One flipped bit is reported bad.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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

const dir = mkdtempSync(join(tmpdir(), "tunnel-capture-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ESP_PREFS = { "esp.enable_encryption_decode": "TRUE", "esp.enable_authentication_check": "TRUE", "udp.check_checksum": "TRUE" };
const FIELDS = ["ip.src", "ip.dst", "ip.len", "udp.srcport", "udp.dstport", "udp.checksum.status", "esp.spi", "esp.sequence", "esp.pad_len", "esp.icv_good", "esp.icv_bad", "icmp.type", "icmp.seq", "data.len"];

async function capture(alter?: (ip: Uint8Array[]) => void): Promise<{ pcap: string; configHome: string }> {
  const out = await findScenario("tunnel")!.run(scenarioContext(SOLUTIONS_DIR, 1_767_225_600));
  const ips = out.packets.map((p) => p.ip.slice());
  alter?.(ips);
  const pcap = join(dir, alter ? "tunnel-altered.pcap" : "tunnel.pcap");
  writeFileSync(pcap, pcapFile(out.packets.map((p, i) => ({ time: p.time, ip: ips[i]! }))));
  const configHome = join(dir, "config");
  writeKeysDir(join(configHome, "wireshark"), out.sas ?? []);
  return { pcap, configHome };
}

interopSuite("the tunnel's underlay read by tshark", { tools: ["tshark"] }, () => {
  test("ESP in UDP 4500, decrypted with the esp_sa keys: good ICVs, the pings between the protected subnets inside", async () => {
    const { pcap, configHome } = await capture();
    const rows = tsharkFields(pcap, FIELDS, { prefs: ESP_PREFS, configHome });
    expect(rows, "3 echo requests and 3 replies").toHaveLength(6);
    rows.forEach((r, i) => {
      const request = i % 2 === 0;
      const what = `packet ${i + 1} (${request ? "request" : "reply"})`;
      expect(r["ip.src"], `${what}: outer then inner source address, as tshark reads them`).toEqual(request ? ["192.168.12.1", "10.1.0.1"] : ["192.168.12.2", "10.2.0.1"]);
      expect(r["ip.dst"], `${what}: outer then inner destination address`).toEqual(request ? ["192.168.12.2", "10.2.0.1"] : ["192.168.12.1", "10.1.0.1"]);
      // 84-byte ping + 10 padding + 2 = 96 encrypted, + 8 header + 16 IV + 12 ICV = 132 ESP, + 8 UDP + 20 IPv4: charon's size for the same ping.
      expect(r["ip.len"], `${what}: outer and inner Total Length`).toEqual(["160", "84"]);
      expect([r["udp.srcport"], r["udp.dstport"]], `${what}: UDP ports (RFC 3948: 4500 both ways)`).toEqual([["4500"], ["4500"]]);
      expect(r["udp.checksum.status"], `${what}: Wireshark's UDP checksum verdict (1 = good)`).toEqual(["1"]);
      expect(r["esp.spi"], `${what}: ESP SPI found right after the UDP header, no non-ESP marker`).toEqual([request ? "0xc2a10001" : "0xc2b20002"]);
      expect(r["esp.sequence"], `${what}: ESP sequence number`).toEqual([String((i >> 1) + 1)]);
      expect(r["esp.pad_len"], `${what}: pad length Wireshark read after decrypting`).toEqual(["10"]);
      expect(r["esp.icv_good"], `${what}: Wireshark's own HMAC-SHA-1-96 check of the ICV`).toEqual(["1"]);
      expect(r["icmp.type"], `${what}: ICMP type inside`).toEqual([request ? "8" : "0"]);
      expect(r["icmp.seq"], `${what}: ICMP sequence number inside`).toEqual([String((i >> 1) + 1)]);
      expect(r["data.len"], `${what}: ICMP data length inside`).toEqual(["56"]);
    });
  });

  test("one flipped bit in the ciphertext: Wireshark reports that packet's ICV bad, the others good", async () => {
    const { pcap, configHome } = await capture((ips) => {
      ips[3]![80]! ^= 0x01; // packet 4: IPv4 20 + UDP 8 + ESP 24 = 52, so byte 80 is ciphertext
    });
    const rows = tsharkFields(pcap, ["esp.icv_good", "esp.icv_bad"], { prefs: ESP_PREFS, configHome });
    rows.forEach((r, i) => {
      if (i === 3) expect(r["esp.icv_bad"], "the altered packet's ICV status").toEqual(["1"]);
      else expect(r["esp.icv_good"], `packet ${i + 1}: untouched, still good`).toEqual(["1"]);
    });
  });
});
