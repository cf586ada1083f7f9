/**
 * The capture writer itself, read by tshark: the file parses, and Wireshark
 * finds the IPv4 header checksum and the UDP checksum correct.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { pcapFile } from "../src/pcap/file.ts";
import { udpPacket } from "../src/pcap/framing.ts";
import { interopSuite } from "./tools.ts";
import { tsharkFields } from "./tshark.ts";

const dir = mkdtempSync(join(tmpdir(), "pcap-framing-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interopSuite("pcap framing read by tshark", { tools: ["tshark"] }, () => {
  test("IPv4 and UDP checksums are good, addresses and ports as written", () => {
    const payloads = [new Uint8Array(0), new Uint8Array([1, 2, 3]), new Uint8Array(301).map((_, i) => i)];
    const packets = payloads.map((payload, i) => ({
      time: 1_767_225_600 + i / 10,
      ip: udpPacket({ src: "192.168.12.1", dst: "192.168.12.2", sport: 500, dport: 500, payload, id: i + 1 }),
    }));
    const file = join(dir, "udp.pcap");
    writeFileSync(file, pcapFile(packets));
    const rows = tsharkFields(file, ["ip.src", "ip.dst", "ip.checksum.status", "udp.srcport", "udp.length", "udp.checksum.status", "frame.time_epoch"], {
      prefs: { "ip.check_checksum": "TRUE", "udp.check_checksum": "TRUE" },
    });
    expect(rows).toHaveLength(3);
    rows.forEach((r, i) => {
      expect(r["ip.src"]).toEqual(["192.168.12.1"]);
      expect(r["ip.dst"]).toEqual(["192.168.12.2"]);
      expect(r["ip.checksum.status"]).toEqual(["1"]); // Wireshark: 0 bad, 1 good, 2 unverified
      expect(r["udp.srcport"]).toEqual(["500"]);
      expect(r["udp.length"]).toEqual([String(8 + payloads[i]!.length)]);
      expect(r["udp.checksum.status"]).toEqual(["1"]);
      expect(Number(r["frame.time_epoch"]![0])).toBeCloseTo(1_767_225_600 + i / 10, 5);
    });
  });
});
