/** Hidden tests for 15-sad/spd: first match decides protect, bypass or discard (RFC 4301 section 4.4.1). */
import { describe, test } from "vitest";
import { expectEqual, expectThrows, rng } from "@teach";
import { DEFAULT_POLICY, spdLookup, type SpdEntry } from "@impl/15-sad/spd.ts";
import * as ref from "@ref/15-sad/spd.ts";
import { pingPacket } from "@ref/11-ipv4/icmp.ts";
import { encodeIpv4Header } from "@ref/11-ipv4/header.ts";
import { SEED_PING } from "../11-ipv4/fixtures.ts";

const packet = (src: string, dst: string, protocol = 1) => {
  const p = pingPacket({ src, dst, identification: 1, echo: { type: 8, identifier: 1, sequence: 1, data: new Uint8Array(8) } });
  if (protocol !== 1) p.set(encodeIpv4Header({ tos: 0, totalLength: p.length, identification: 1, flags: 0, fragmentOffset: 0, ttl: 255, protocol, src, dst }));
  return p;
};

/** Like the seed's crypto access-list: protect traffic between the routers, let IKE through, drop the rest. */
const SPD: SpdEntry[] = [
  { action: "bypass", src: "192.168.12.0/24", dst: "192.168.12.0/24", protocol: 17 },
  { action: "protect", src: "192.168.12.1/32", dst: "192.168.12.2/32", spi: 0x36cb42df },
  { action: "discard", src: "192.168.12.0/24", dst: "0.0.0.0/0" },
  { action: "bypass", src: "0.0.0.0/0", dst: "0.0.0.0/0" },
];

describe("step 1: the lab's policy", () => {
  test("the seed's ping is protected with the SA the entry names", () => {
    expectEqual(spdLookup(SPD, SEED_PING), SPD[1], { what: "spdLookup(lab SPD, ping 192.168.12.1 → .2)", why: "like a crypto map's access-list line \"permit ip host 192.168.12.1 host 192.168.12.2\": this traffic goes through the SA." });
  });
  test("UDP between the routers (IKE) bypasses: the first entry wins", () => {
    expectEqual(spdLookup(SPD, packet("192.168.12.1", "192.168.12.2", 17)), SPD[0], { what: "spdLookup(lab SPD, UDP .1 → .2)", why: "order matters: IKE must pass in the clear, or the SA could never be negotiated. The protocol selector picks it out before the protect entry." });
  });
  test("other traffic from the lab is discarded, traffic from elsewhere bypasses", () => {
    expectEqual(spdLookup(SPD, packet("192.168.12.1", "8.8.8.8")), SPD[2], { what: "spdLookup(lab SPD, .1 → 8.8.8.8)" });
    expectEqual(spdLookup(SPD, packet("10.0.0.1", "10.0.0.2")), SPD[3], { what: "spdLookup(lab SPD, 10.0.0.1 → 10.0.0.2)" });
  });
  test("no match: discard (RFC 4301's default)", () => {
    expectEqual(spdLookup([SPD[1]!], packet("10.0.0.1", "10.0.0.2")), DEFAULT_POLICY, { what: "spdLookup(one protect entry, unrelated packet)", why: "RFC 4301 section 4.4.1: a packet no entry matches is discarded. (A Cisco router sends it in the clear, because its routing table, not its SPD, is the default.)" });
  });
});

describe("step 2: selectors", () => {
  test("random prefixes agree with the reference", () => {
    const r = rng("spd random");
    const addr = () => `10.${r.int(0, 3)}.${r.int(0, 3)}.${r.int(0, 255)}`;
    for (let i = 0; i < 40; i++) {
      const spd: SpdEntry[] = Array.from({ length: r.int(1, 5) }, () => ({
        action: r.pick(["protect", "bypass", "discard"] as const),
        src: `${addr()}/${r.int(8, 32)}`,
        dst: `${addr()}/${r.int(8, 32)}`,
        ...(r.next() < 0.3 ? { protocol: r.pick([1, 6, 17]) } : {}),
      }));
      const p = packet(addr(), addr(), r.pick([1, 6, 17]));
      expectEqual(spdLookup(spd, p), ref.spdLookup(spd, p), { what: `spdLookup(${JSON.stringify(spd)})` });
    }
  });
  test("malformed selectors are refused", () => {
    expectThrows(() => spdLookup([{ action: "protect", src: "192.168.12.0", dst: "0.0.0.0/0" }], SEED_PING), { what: "a selector without /prefix", error: "TextFormatError", field: "Traffic selector" });
    expectThrows(() => spdLookup([{ action: "protect", src: "192.168.12.0/33", dst: "0.0.0.0/0" }], SEED_PING), { what: "a /33 selector", error: "FieldError", field: "Prefix length" });
  });
});
