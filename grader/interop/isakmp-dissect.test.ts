/**
 * Wireshark reads the reference solution's messages: the `main-mode` and
 * `aggressive-mode` captures with --as-seed (written through the same
 * writeScenario the `pcap` command uses: whole exchanges between two peers
 * configured like the seed's routers) dissect with no malformed packet and
 * no expert warning, main mode messages 1 and 2 report the seed's values
 * field by field (they hold no random octets but the cookies, which --as-seed
 * takes from the seed), aggressive mode message 1 has the seed's layout and
 * length, and every line describeMessage prints is found, in order, in
 * tshark's own tree.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { writeScenario } from "../src/commands/pcap.ts";
import { SOLUTIONS_DIR } from "../src/paths.ts";
import { MAIN_MODE_1, MAIN_MODE_2 } from "../src/pcap/scenarios/seed-messages.ts";
import { describeMessage } from "../../solutions/03-payloads/describe.ts";
import { decodeMessage } from "../../solutions/03-payloads/message.ts";
import { udpDatagrams } from "./capture.ts";
import { interopSuite } from "./tools.ts";
import { tsharkExpert, tsharkFields, tsharkVerbose } from "./tshark.ts";

const dir = mkdtempSync(join(tmpdir(), "isakmp-dissect-"));
const mm = join(dir, "main-mode.pcap");
const am = join(dir, "aggressive-mode.pcap");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NATT_VIDS = ["4a131c81070358455c5728f20e95452f", "439b59f8ba676c4c7737ae22eab8f582", "7d9419a65310ca6f2c179d9215529d56", "90cb80913ebb696e086381b5ec427b1f"];

/** The tree lines of one packet's ISAKMP layer, indentation relative to it, runs of spaces before "(" folded (Wireshark pads "NONE / No Next Payload "). */
function isakmpTree(verbose: string, frame: number): string[] {
  const frames = verbose.split(/^Frame \d+:/m).slice(1);
  const lines = frames[frame - 1]!.split("\n");
  const start = lines.findIndex((l) => l.startsWith("Internet Security Association and Key Management Protocol"));
  return lines
    .slice(start + 1)
    .filter((l) => l.startsWith("    "))
    .map((l) => l.slice(4).replace(/ {2,}\(/g, " ("));
}

function expectSubsequence(lines: readonly string[], tree: readonly string[], what: string): void {
  let j = 0;
  for (const line of lines) {
    while (j < tree.length && tree[j] !== line) j++;
    expect(j, `${what}: describeMessage printed ${JSON.stringify(line)}, which tshark's tree does not show at that point`).toBeLessThan(tree.length);
    j++;
  }
}

interopSuite("tshark dissects the reference's ISAKMP messages", { tools: ["tshark"] }, () => {
  beforeAll(async () => {
    await writeScenario({ scenario: "main-mode", implDir: SOLUTIONS_DIR, out: mm, options: { asSeed: true } });
    await writeScenario({ scenario: "aggressive-mode", implDir: SOLUTIONS_DIR, out: am, options: { asSeed: true } });
  });

  test("no malformed packets, no expert info of any level", () => {
    for (const file of [mm, am]) {
      const rows = tsharkFields(file, ["_ws.malformed", "_ws.expert", "isakmp.length"]);
      rows.forEach((r) => {
        expect(r["_ws.malformed"], `${file}: tshark marked a packet malformed`).toEqual([]);
        expect(r["_ws.expert"], `${file}: tshark raised expert info`).toEqual([]);
        expect(r["isakmp.length"]!.length, `${file}: tshark found no ISAKMP layer`).toBe(1);
      });
      expect(tsharkExpert(file)).not.toMatch(/Warning|Error|Malformed/);
    }
  });

  test("main mode messages 1 and 2 carry the seed's field values", () => {
    const fields = [
      "ip.src", "ip.dst", "udp.srcport", "udp.dstport",
      "isakmp.ispi", "isakmp.rspi", "isakmp.nextpayload", "isakmp.version", "isakmp.exchangetype", "isakmp.flags", "isakmp.messageid", "isakmp.length",
      "isakmp.typepayload", "isakmp.payloadlength", "isakmp.sa.doi", "isakmp.sa.situation",
      "isakmp.prop.number", "isakmp.prop.protoid", "isakmp.spisize", "isakmp.prop.transforms",
      "isakmp.trans.number", "isakmp.trans.id",
      "isakmp.ike.attr.encryption_algorithm", "isakmp.ike.attr.key_length", "isakmp.ike.attr.hash_algorithm", "isakmp.ike.attr.group_description",
      "isakmp.ike.attr.authentication_method", "isakmp.ike.attr.life_type", "isakmp.ike.attr.life_duration", "isakmp.ike.attr.type", "isakmp.ike.attr.length",
      "isakmp.vid_bytes", "isakmp.vid_string",
    ];
    const [m1, m2] = tsharkFields(mm, fields, { prefs: { "udp.check_checksum": "TRUE", "ip.check_checksum": "TRUE" } });
    const common = {
      "udp.srcport": ["500"], "udp.dstport": ["500"],
      "isakmp.ispi": ["e47a59ffd057587f"],
      "isakmp.version": ["0x10"], "isakmp.exchangetype": ["2"], "isakmp.flags": ["0x00"], "isakmp.messageid": ["0x00000000"],
      "isakmp.sa.doi": ["1"], "isakmp.sa.situation": ["00000001"],
      "isakmp.prop.number": ["1"], "isakmp.prop.protoid": ["1"], "isakmp.spisize": ["0"], "isakmp.prop.transforms": ["1"],
      "isakmp.trans.number": ["1"], "isakmp.trans.id": ["1"],
      "isakmp.ike.attr.encryption_algorithm": ["7"], "isakmp.ike.attr.key_length": ["128"], "isakmp.ike.attr.hash_algorithm": ["2"], "isakmp.ike.attr.group_description": ["2"],
      "isakmp.ike.attr.authentication_method": ["1"], "isakmp.ike.attr.life_type": ["1"], "isakmp.ike.attr.life_duration": ["86400"],
      "isakmp.ike.attr.type": ["1", "14", "2", "4", "3", "11", "12"], "isakmp.ike.attr.length": ["4"],
    };
    for (const [f, want] of Object.entries(common)) {
      expect(m1![f], `message 1, ${f}`).toEqual(want);
      expect(m2![f], `message 2, ${f}`).toEqual(want);
    }
    expect(m1!["ip.src"]).toEqual(["192.168.12.1"]);
    expect(m1!["ip.dst"]).toEqual(["192.168.12.2"]);
    expect(m2!["ip.src"]).toEqual(["192.168.12.2"]);
    expect(m1!["isakmp.rspi"]).toEqual(["0000000000000000"]);
    expect(m2!["isakmp.rspi"]).toEqual(["a00b8ef0902bb8ec"]);
    expect(m1!["isakmp.length"]).toEqual(["168"]);
    expect(m2!["isakmp.length"]).toEqual(["108"]);
    // header, SA, proposal, transform, then one per vendor ID
    expect(m1!["isakmp.nextpayload"]).toEqual(["1", "13", "0", "0", "13", "13", "13", "0"]);
    expect(m2!["isakmp.nextpayload"]).toEqual(["1", "13", "0", "0", "0"]);
    expect(m1!["isakmp.payloadlength"]).toEqual(["60", "48", "40", "20", "20", "20", "20"]);
    expect(m2!["isakmp.payloadlength"]).toEqual(["60", "48", "40", "20"]);
    expect(m1!["isakmp.vid_bytes"]).toEqual(NATT_VIDS);
    expect(m1!["isakmp.vid_string"]).toEqual(["RFC 3947 Negotiation of NAT-Traversal in the IKE", "draft-ietf-ipsec-nat-t-ike-07", "draft-ietf-ipsec-nat-t-ike-03", "draft-ietf-ipsec-nat-t-ike-02\\n"]);
    expect(m2!["isakmp.vid_bytes"]).toEqual([NATT_VIDS[0]]);
  });

  test("aggressive mode message 1 has the seed's layout and length", () => {
    const [a] = tsharkFields(am, [
      "isakmp.exchangetype", "isakmp.length", "isakmp.payloadlength", "isakmp.key_exchange.data", "isakmp.nonce",
      "isakmp.id.type", "isakmp.id.protoid", "isakmp.id.port", "isakmp.id.data.ipv4_addr", "isakmp.vid_string", "isakmp.ike.attr.life_duration",
    ]);
    expect(a!["isakmp.exchangetype"]).toEqual(["4"]);
    expect(a!["isakmp.length"]).toEqual(["388"]);
    expect(a!["isakmp.payloadlength"]).toEqual(["60", "48", "40", "20", "20", "20", "20", "132", "24", "12", "20", "12", "20"]);
    expect(a!["isakmp.key_exchange.data"]![0]!.length, "g^x of group 2: 128 octets").toBe(256);
    expect(a!["isakmp.nonce"]![0]!.length, "a 20-octet nonce, as the seed's routers send").toBe(40);
    expect(a!["isakmp.id.type"]).toEqual(["1"]);
    expect(a!["isakmp.id.protoid"]).toEqual(["17"]);
    expect(a!["isakmp.id.port"]).toEqual(["0"]);
    // The seed prints 192.168.12.2 here, a copy error: message 1 comes from R1 and carries R1's address.
    expect(a!["isakmp.id.data.ipv4_addr"]).toEqual(["192.168.12.1"]);
    expect(a!["isakmp.ike.attr.life_duration"]).toEqual(["86400"]);
    expect(a!["isakmp.vid_string"]).toEqual([
      "RFC 3947 Negotiation of NAT-Traversal in the IKE", "draft-ietf-ipsec-nat-t-ike-07", "draft-ietf-ipsec-nat-t-ike-03", "draft-ietf-ipsec-nat-t-ike-02\\n",
      "RFC 3706 DPD (Dead Peer Detection)", "XAUTH", "Unknown Vendor ID",
    ]);
  });

  test("every line of describeMessage appears, in order, in tshark's tree", () => {
    const mmTree = tsharkVerbose(mm);
    expectSubsequence(describeMessage(MAIN_MODE_1).split("\n"), isakmpTree(mmTree, 1), "main mode message 1");
    expectSubsequence(describeMessage(MAIN_MODE_2).split("\n"), isakmpTree(mmTree, 2), "main mode message 2");
    const am1 = decodeMessage(udpDatagrams(am)[0]!.payload);
    expectSubsequence(describeMessage(am1).split("\n"), isakmpTree(tsharkVerbose(am), 1), "aggressive mode message 1");
  });
});
