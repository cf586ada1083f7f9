/**
 * Hidden tests for 03-payloads/describe: printing a message as Wireshark's
 * tree. The expected lines were copied from `tshark -V` (Wireshark 4.0) on
 * these very messages, keeping only the lines describe prints.
 */
import { describe, test } from "vitest";
import { expectEqual, expectTrue } from "@teach";
import { describeMessage } from "@impl/03-payloads/describe.ts";
import { AGGRESSIVE_1, MM1, MM2 } from "./fixtures.ts";

const SA_TREE = [
  "Payload: Security Association (1)",
  "    Next payload: Vendor ID (13)",
  "    Reserved: 00",
  "    Payload length: 60",
  "    Domain of interpretation: IPSEC (1)",
  "    Situation: 00000001",
  "    Payload: Proposal (2) # 1",
  "        Next payload: NONE / No Next Payload (0)",
  "        Reserved: 00",
  "        Payload length: 48",
  "        Proposal number: 1",
  "        Protocol ID: ISAKMP (1)",
  "        SPI Size: 0",
  "        Proposal transforms: 1",
  "        Payload: Transform (3) # 1",
  "            Next payload: NONE / No Next Payload (0)",
  "            Reserved: 00",
  "            Payload length: 40",
  "            Transform number: 1",
  "            Transform ID: KEY_IKE (1)",
  "            Reserved: 0000",
  "            IKE Attribute (t=1,l=2): Encryption-Algorithm: AES-CBC",
  "            IKE Attribute (t=14,l=2): Key-Length: 128",
  "            IKE Attribute (t=2,l=2): Hash-Algorithm: SHA",
  "            IKE Attribute (t=4,l=2): Group-Description: Alternate 1024-bit MODP group",
  "            IKE Attribute (t=3,l=2): Authentication-Method: Pre-shared key",
  "            IKE Attribute (t=11,l=2): Life-Type: Seconds",
  "            IKE Attribute (t=12,l=4): Life-Duration: 86400",
];

const vid = (name: string, next: string, hex: string) => [`Payload: Vendor ID (13) : ${name}`, `    Next payload: ${next}`, "    Reserved: 00", `    Payload length: ${4 + hex.length / 2}`, `    Vendor ID: ${hex}`];

const MM1_TREE = [
  "Initiator SPI: e47a59ffd057587f",
  "Responder SPI: 0000000000000000",
  "Next payload: Security Association (1)",
  "Version: 1.0",
  "Exchange type: Identity Protection (Main Mode) (2)",
  "Flags: 0x00",
  "Message ID: 0x00000000",
  "Length: 168",
  ...SA_TREE,
  ...vid("RFC 3947 Negotiation of NAT-Traversal in the IKE", "Vendor ID (13)", "4a131c81070358455c5728f20e95452f"),
  ...vid("draft-ietf-ipsec-nat-t-ike-07", "Vendor ID (13)", "439b59f8ba676c4c7737ae22eab8f582"),
  ...vid("draft-ietf-ipsec-nat-t-ike-03", "Vendor ID (13)", "7d9419a65310ca6f2c179d9215529d56"),
  ...vid("draft-ietf-ipsec-nat-t-ike-02\\n", "NONE / No Next Payload (0)", "90cb80913ebb696e086381b5ec427b1f"),
];

function compareLines(got: unknown, want: readonly string[], what: string): void {
  expectTrue(typeof got === "string", `${what}: expected a string, got ${typeof got}.`);
  const lines = (got as string).split("\n");
  for (let i = 0; i < Math.max(lines.length, want.length); i++) {
    expectEqual(lines[i], want[i], { what: `${what}, line ${i + 1}`, why: "the lines follow Wireshark's tree: same words, same order, 4 spaces of indentation per level." });
  }
}

describe("step 1: main mode message 1", () => {
  test("the whole tree", () => {
    compareLines(describeMessage(MM1.message), MM1_TREE, "describeMessage(main mode message 1)");
  });
});

describe("step 2: main mode message 2", () => {
  test("the header, the SA and one vendor ID", () => {
    compareLines(
      describeMessage(MM2.message),
      [
        "Initiator SPI: e47a59ffd057587f",
        "Responder SPI: a00b8ef0902bb8ec",
        "Next payload: Security Association (1)",
        "Version: 1.0",
        "Exchange type: Identity Protection (Main Mode) (2)",
        "Flags: 0x00",
        "Message ID: 0x00000000",
        "Length: 108",
        ...SA_TREE,
        ...vid("RFC 3947 Negotiation of NAT-Traversal in the IKE", "NONE / No Next Payload (0)", "4a131c81070358455c5728f20e95452f"),
      ],
      "describeMessage(main mode message 2)",
    );
  });
});

describe("step 3: aggressive mode message 1", () => {
  test("key exchange (shortened to 36 bytes and …), nonce, identification, vendor IDs", () => {
    const lines = (describeMessage(AGGRESSIVE_1.message) as string).split("\n");
    const want = [
      "Payload: Key Exchange (4)",
      "    Next payload: Nonce (10)",
      "    Reserved: 00",
      "    Payload length: 132",
      "    Key Exchange Data: 2f7c491c67e3609a09c4e03342f7457ef4b8439266dba07e000000000000000000000000…",
      "Payload: Nonce (10)",
      "    Next payload: Identification (5)",
      "    Reserved: 00",
      "    Payload length: 24",
      "    Nonce DATA: f45234b575fa02bdbfd717081e92868f5e2d3773",
      "Payload: Identification (5)",
      "    Next payload: Vendor ID (13)",
      "    Reserved: 00",
      "    Payload length: 12",
      "    ID type: IPV4_ADDR (1)",
      "    Protocol ID: UDP (17)",
      "    Port: Unused",
      "    Identification Data:192.168.12.2",
      ...vid("RFC 3706 DPD (Dead Peer Detection)", "Vendor ID (13)", "afcad71368a1f1c96b8696fc77570100"),
      ...vid("XAUTH", "Vendor ID (13)", "09002689dfd6b712"),
      ...vid("Unknown Vendor ID", "NONE / No Next Payload (0)", "11111111111111111111111111111111"),
    ];
    const start = lines.indexOf("Payload: Key Exchange (4)");
    expectTrue(start > 0, 'describeMessage(aggressive mode message 1) has no line "Payload: Key Exchange (4)".');
    compareLines(lines.slice(start).join("\n"), want, "describeMessage(aggressive mode message 1), from the Key Exchange payload on");
    expectEqual(lines[7], "Length: 388", { what: "describeMessage(aggressive mode message 1), line 8" });
  });
});
