/**
 * Hidden tests for 07-main-mode/nat-detection. Fixed: the NAT-D payloads of
 * our recorded exchanges with strongSwan, and charon's (which fakes its own
 * hash, so it looks as if charon were behind a NAT). Computed independently:
 * the hashes with node:crypto. Scenarios with a NAT on either side, and
 * random cases against the reference.
 */
import { createHash } from "node:crypto";
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, rng } from "@teach";
import type { HashName } from "@course/ike-algorithms.ts";
import type { Endpoint, Phase1State } from "@ref/07-main-mode/exchange.ts";
import * as refExchange from "@ref/07-main-mode/exchange.ts";
import * as ref from "@ref/07-main-mode/nat-detection.ts";
import { detectNat, natDetectionPayloads } from "@impl/07-main-mode/nat-detection.ts";
import * as refKeys from "@ref/07-main-mode/keys.ts";
import { b, payloadBodies, recordedAs, seedInitiatorConfig, seeded } from "./fixtures.ts";

const R1: Endpoint = { address: "192.168.12.1", port: 500 };
const R2: Endpoint = { address: "192.168.12.2", port: 500 };

function stateWith(ckyI: Uint8Array, ckyR: Uint8Array): Phase1State {
  return { ...refExchange.initiatorState("main", seedInitiatorConfig(seeded("natd"))), ckyI, ckyR };
}

/** HASH(CKY-I | CKY-R | IP | Port) with node:crypto, for comparison. */
function natD(hash: HashName, s: Phase1State, e: Endpoint): Uint8Array {
  const port = Buffer.from([e.port >> 8, e.port & 0xff]);
  const ip = Buffer.from(e.address.split(".").map(Number));
  return new Uint8Array(createHash(hash).update(Buffer.concat([s.ckyI, s.ckyR, ip, port])).digest());
}

const natdOf = (m: Uint8Array) => payloadBodies(m).filter((p) => p.type === 20).map((p) => p.body);
const cookiesOf = (m: Uint8Array) => stateWith(m.slice(0, 8), m.slice(8, 16));

describe("step 1: the payloads we send", () => {
  for (const x of recordedAs("initiator")) test(`destination first, then source: our message 3 to charon (${x.label})`, () => {
    const m3 = b(x.messages[2]);
    const got = natDetectionPayloads(cookiesOf(m3), refKeys.suiteAlgorithms(x.suite).hash, R1, R2);
    expectEqual(got.length, 2, { what: "natDetectionPayloads(...).length" });
    expectBytes(got[0], natdOf(m3)[0]!, { what: "natDetectionPayloads(...)[0] from 192.168.12.1 to 192.168.12.2", why: "RFC 3947 section 3.2: the first NAT-D is the hash of the destination address and port (192.168.12.2, 500) with both cookies." });
    expectBytes(got[1], natdOf(m3)[1]!, { what: "natDetectionPayloads(...)[1]", why: "the second is our own address and port, the source of the datagram." });
  });

  for (const x of recordedAs("responder")) test(`strongSwan hashes the destination as we do: charon's message 3 to our responder (${x.label})`, () => {
    const m3 = b(x.messages[2]);
    const hash = refKeys.suiteAlgorithms(x.suite).hash;
    expectBytes(natDetectionPayloads(cookiesOf(m3), hash, R1, R2)[0], natdOf(m3)[0]!, { what: `our ${hash} hash of 192.168.12.2:500 against the first NAT-D of charon's message 3`, why: "charon computed HASH(CKY-I | CKY-R | c0a80c02 | 01f4) with the negotiated hash too: the destination hash is never faked." });
  });

  test("the hash is the negotiated one: SHA2-256 gives 32 octets (node:crypto computes the same)", () => {
    const r = rng("natd-sha2");
    for (const hash of ["md5", "sha1", "sha256", "sha384", "sha512"] as const) {
      const s = stateWith(r.bytes(8), r.bytes(8));
      const local = { address: `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`, port: r.pick([500, 4500, r.int(1024, 65535)]) };
      const remote = { address: `172.16.${r.int(0, 255)}.${r.int(1, 254)}`, port: r.pick([500, 4500]) };
      const got = natDetectionPayloads(s, hash, local, remote);
      expectBytes(got[0], natD(hash, s, remote), { what: `natDetectionPayloads(${hash})[0]`, why: "HASH(CKY-I | CKY-R | IP | Port) of the destination, with the hash of the phase 1 proposal (RFC 3947 section 3.2)." });
      expectBytes(got[1], natD(hash, s, local), { what: `natDetectionPayloads(${hash})[1]` });
    }
  });
});

describe("step 2: what the peer's payloads say", () => {
  for (const x of recordedAs("initiator")) test(`charon's message 4 says: we are not behind a NAT, charon is (it fakes its own hash) (${x.label})`, () => {
    const m4 = b(x.messages[3]);
    expectEqual(detectNat(cookiesOf(m4), refKeys.suiteAlgorithms(x.suite).hash, natdOf(m4), R1, R2), { localBehindNat: false, remoteBehindNat: true }, {
      what: "detectNat(charon's NAT-D payloads, local 192.168.12.1:500, remote 192.168.12.2:500)",
      why: "charon's first NAT-D is the hash of our address as it sent to it: it matches, so nothing rewrote us. Its second, its own address, was faked by charon to force UDP encapsulation: no match, the peer looks NATed.",
    });
  });

  test("a NAT in front of the peer, in front of us, in front of both", () => {
    const s = stateWith(b("e47a59ffd057587f"), b("a00b8ef0902bb8ec"));
    const privatePeer = { address: "10.1.1.10", port: 500 };
    const natPublic = { address: "203.0.113.7", port: 4500 };
    // The peer behind a NAT sends its private address as source; we see the NAT's public one.
    const fromNatedPeer = ref.natDetectionPayloads(s, "sha1", privatePeer, R2);
    expectEqual(detectNat(s, "sha1", fromNatedPeer, R2, natPublic), { localBehindNat: false, remoteBehindNat: true }, { what: "detectNat: the peer is 10.1.1.10:500 behind a NAT that shows 203.0.113.7:4500", why: "the peer's own-address hash is of 10.1.1.10:500, we saw 203.0.113.7:4500: the source was rewritten." });
    // We are behind the NAT: the peer addressed our public side.
    const toOurNat = ref.natDetectionPayloads(s, "sha1", R1, natPublic);
    expectEqual(detectNat(s, "sha1", toOurNat, privatePeer, R1), { localBehindNat: true, remoteBehindNat: false }, { what: "detectNat: we are 10.1.1.10:500 behind a NAT, the peer sent to 203.0.113.7:4500", why: "the peer's first hash is of the address it sent to, which is not ours: our address was rewritten on the way in." });
    expectEqual(detectNat(s, "sha1", ref.natDetectionPayloads(s, "sha1", privatePeer, natPublic), { address: "10.2.2.2", port: 500 }, natPublic), { localBehindNat: true, remoteBehindNat: true }, { what: "detectNat with NATs on both sides" });
    expectEqual(detectNat(s, "sha1", ref.natDetectionPayloads(s, "sha1", R1, R2), R2, R1), { localBehindNat: false, remoteBehindNat: false }, { what: "detectNat with no NAT" });
  });

  test("a peer with several addresses sends several source hashes: any one of them may match", () => {
    const s = stateWith(b("e47a59ffd057587f"), b("a00b8ef0902bb8ec"));
    const [dst, src] = ref.natDetectionPayloads(s, "sha1", R1, R2);
    const other = ref.natDetectionPayloads(s, "sha1", { address: "198.51.100.1", port: 500 }, R2)[1]!;
    expectEqual(detectNat(s, "sha1", [dst!, other, src!], R2, R1).remoteBehindNat, false, { what: "detectNat with the matching source hash third", why: "RFC 3947 section 3.2: after the first payload come one or more hashes of the sender's addresses." });
  });

  test("fewer than two NAT-D payloads break the rule", () => {
    const s = stateWith(b("e47a59ffd057587f"), b("a00b8ef0902bb8ec"));
    expectThrows(() => detectNat(s, "sha1", [new Uint8Array(20)], R2, R1), { what: "detectNat with one NAT-D payload", error: "NegotiationError", field: "NAT-D (RFC 3947)", why: "a peer that announced RFC 3947 sends at least two: one for us, one for itself." });
    expectThrows(() => detectNat(s, "sha1", [], R2, R1), { what: "detectNat with none", error: "NegotiationError", field: "NAT-D (RFC 3947)" });
  });

  test("random endpoints and rewrites against the reference", () => {
    const r = rng("natd-detect");
    const ep = () => ({ address: `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`, port: r.pick([500, 4500, r.int(1024, 65535)]) });
    for (let i = 0; i < 30; i++) {
      const s = stateWith(r.bytes(8), r.bytes(8));
      const hash = r.pick(["md5", "sha1", "sha256"] as const);
      const peerView = { local: ep(), remote: ep() };
      const received = ref.natDetectionPayloads(s, hash, peerView.local, peerView.remote);
      const ours = { local: r.next() < 0.5 ? peerView.remote : ep(), remote: r.next() < 0.5 ? peerView.local : ep() };
      expectEqual(detectNat(s, hash, received, ours.local, ours.remote), ref.detectNat(s, hash, received, ours.local, ours.remote), { what: `random case ${i} (${hash})` });
    }
  });
});
