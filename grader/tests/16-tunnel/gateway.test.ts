/**
 * Hidden tests for 16-tunnel/gateway: the SPD on the way out, the SAD and
 * the SA's selectors on the way in, ESP in UDP 4500 (RFC 4301 section 5,
 * RFC 3948), make-before-break rekeying. Fixed vectors are ESP datagrams
 * two strongSwan daemons exchanged; the randomized cases compare with the
 * reference gateway and send packets across, in both directions.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, expectTrue, fromHexLoose, rng, type Rng } from "@teach";
import { IP_PROTOCOL } from "@course/ip-protocols.ts";
import { createGateway, fromTun, fromUdp, installChild, removeChild, type FromTun, type FromUdp, type Gateway } from "@impl/16-tunnel/gateway.ts";
import * as ref from "@ref/16-tunnel/gateway.ts";
import type { ChildSa } from "@ref/09-quick-mode/proxy-id.ts";
import type { Endpoint } from "@ref/07-main-mode/exchange.ts";
import { espOpen } from "@ref/13-esp/decapsulate.ts";
import { espLayout, flipBit, packetLayout } from "../11-ipv4/fixtures.ts";
import { childPair, LEFT, LEFT_LAN, lanPing, RIGHT, RIGHT_LAN } from "./fixtures.ts";
import { STRONGSWAN_ESP as SS } from "./strongswan-esp.ts";

const T0 = 1_000_000;
const left = (): Gateway => createGateway(LEFT, RIGHT, LEFT_LAN, RIGHT_LAN);
const right = (): Gateway => createGateway(RIGHT, LEFT, RIGHT_LAN, LEFT_LAN);

/** The ESP datagram fromTun handed back; anything else fails with the kind it got. */
function datagramOf(r: FromTun, what: string): Uint8Array {
  expectTrue(r.kind === "esp", `${what} should be { kind: "esp", ... }, got kind "${r.kind}"`, "the packet matches the PROTECT policy and an outbound SA is installed.");
  return r.datagram;
}

/** The inner packet fromUdp handed back. */
function packetOf(r: FromUdp, what: string): Uint8Array {
  expectTrue(r.kind === "packet", `${what} should be { kind: "packet", ... }, got kind "${r.kind}"`, "an ESP datagram from the peer on an installed SA carries a packet for the TUN device.");
  return r.packet;
}

const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const icvBytes = (child: ChildSa) => (child.integrity === "hmac-sha256-128" ? 16 : 12);

// ---- the strongSwan recording, as two CHILD SAs ----
const SS_INITIATOR: Endpoint = { address: SS.initiator.address, port: 4500 };
const SS_RESPONDER: Endpoint = { address: SS.responder.address, port: 4500 };
function strongswanChild(role: "initiator" | "responder"): ChildSa {
  const toResponder = { spi: SS.toResponderSpi, encKey: fromHexLoose(SS.encI), integKey: fromHexLoose(SS.integI) };
  const toInitiator = { spi: SS.toInitiatorSpi, encKey: fromHexLoose(SS.encR), integKey: fromHexLoose(SS.integR) };
  const mine = role === "initiator" ? SS.initiator.subnet : SS.responder.subnet;
  const theirs = role === "initiator" ? SS.responder.subnet : SS.initiator.subnet;
  return {
    protocol: "ESP",
    mode: "tunnel",
    udpEncapsulation: true,
    encryption: "aes-128-cbc",
    integrity: "hmac-sha1-96",
    inbound: role === "initiator" ? toInitiator : toResponder,
    outbound: role === "initiator" ? toResponder : toInitiator,
    lifetime: { seconds: 3600 },
    localSubnet: mine,
    remoteSubnet: theirs,
    messageId: 0x96f6a0c2,
    pfs: false,
  };
}
const ssGateway = (role: "initiator" | "responder"): Gateway => {
  const gw = role === "initiator" ? createGateway(SS_INITIATOR, SS_RESPONDER, SS.initiator.subnet, SS.responder.subnet) : createGateway(SS_RESPONDER, SS_INITIATOR, SS.responder.subnet, SS.initiator.subnet);
  installChild(gw, strongswanChild(role), T0);
  return gw;
};
const ssRequests = SS.requests.map((h) => fromHexLoose(h));
const ssReplies = SS.replies.map((h) => fromHexLoose(h));
/** The pings inside charon's datagrams, opened by the reference ESP code with charon's keys. */
const opened = (datagram: Uint8Array, child: ChildSa) => espOpen({ spi: child.inbound.spi, encryption: "aes-128-cbc", encryptionKey: child.inbound.encKey, integrity: "hmac-sha1-96", integrityKey: child.inbound.integKey }, datagram).payload;
const ssPings = ssRequests.map((d) => opened(d, strongswanChild("responder")));
const ssPongs = ssReplies.map((d) => opened(d, strongswanChild("initiator")));

describe("step 1: the policy, before any SA", () => {
  test("a packet from the local subnet to the remote one waits for an SA", () => {
    const r = rng("16-tunnel no-sa");
    const gw = left();
    for (let i = 0; i < 5; i++) {
      const packet = lanPing(r, LEFT_LAN, RIGHT_LAN, 200);
      expectEqual(fromTun(gw, packet, T0), { kind: "no-sa" }, { what: `fromTun(a fresh gateway, ping ${packet.subarray(12, 16).join(".")} -> ${packet.subarray(16, 20).join(".")})`, why: "the SPD says PROTECT for 10.1.0.0/24 -> 10.2.0.0/24, but no SA exists yet: the daemon holds the packet and asks IKE for one (RFC 4301 section 5.1)." });
    }
  });
  test("twin: what the policy does not cover is discarded", () => {
    const r = rng("16-tunnel discard");
    const gw = left();
    const cases: [string, Uint8Array][] = [
      ["a ping 10.9.0.0/24 -> 10.2.0.0/24 (source outside the local subnet)", lanPing(r, "10.9.0.0/24", RIGHT_LAN, 100)],
      ["a ping 10.1.0.0/24 -> 10.3.0.0/24 (destination outside the remote subnet)", lanPing(r, LEFT_LAN, "10.3.0.0/24", 100)],
      ["a ping 10.2.0.0/24 -> 10.1.0.0/24 (the policy's mirror image: that is the peer's outbound traffic)", lanPing(r, RIGHT_LAN, LEFT_LAN, 100)],
      ["an IPv6 router solicitation (first nibble 6)", fromHexLoose("6000000000103aff fe800000000000000000000000000001 ff020000000000000000000000000002 8500000000000000")],
    ];
    for (const [label, packet] of cases) {
      expectEqual(fromTun(gw, packet, T0), { kind: "discard" }, { what: `fromTun(${label})`, why: "no PROTECT entry matches: RFC 4301 section 4.4.1 discards what no policy allows, and the kernel hands the TUN device IPv6 too." });
    }
    installChild(gw, childPair(r).left, T0);
    expectEqual(fromTun(gw, cases[0]![1], T0), { kind: "discard" }, { what: "fromTun(10.9.0.x -> 10.2.0.x) with an SA installed", why: "an SA does not widen the policy: the SPD decides first." });
  });
  test("twin: a subnet that is not network/prefix", () => {
    expectThrows(() => createGateway(LEFT, RIGHT, "10.1.0.0", RIGHT_LAN), { what: 'createGateway(local subnet "10.1.0.0")', error: "TextFormatError", field: "Local Subnet", why: "a policy names a network and its prefix length, \"10.1.0.0/24\"; catch the typo when the gateway is made, not on the first packet." });
    expectThrows(() => createGateway(LEFT, RIGHT, LEFT_LAN, "10.2.0.0/24/8"), { what: 'createGateway(remote subnet "10.2.0.0/24/8")', error: "TextFormatError", field: "Remote Subnet" });
  });
});

describe("step 2: outbound, ESP for the UDP socket", () => {
  test("strongSwan's own datagrams: the same ping, keys and IV give the very same ESP bytes", () => {
    const gw = ssGateway("initiator");
    ssPings.forEach((ping, i) => {
      const want = ssRequests[i]!;
      const iv = want.subarray(8, 24);
      const got = datagramOf(fromTun(gw, ping, T0, iv), `fromTun(charon's echo request ${i + 1})`);
      expectTrue(!(got.length === want.length + 20 && got[0] === 0x45), `fromTun(charon's echo request ${i + 1}).datagram starts with 45 and is 20 bytes too long: that is the outer IPv4 header Sad.outbound put in front of ESP`, "the kernel's UDP socket writes the outer IPv4 and UDP headers itself (RFC 3948 section 2.1): hand back only what follows the SAD's 20-byte IPv4 header.");
      expectBytes(got, want, {
        what: `the UDP payload for echo request ${i + 1} 10.1.1.1 -> 10.2.2.1 (IV taken from charon's packet)`,
        layout: espLayout(0, want.length, 12),
        why: `RFC 3948 section 2.1: the UDP payload is the ESP packet itself, SPI 0x${SS.toResponderSpi.toString(16)} then sequence number ${i + 1}, no IPv4 header (the socket adds IPv4 and UDP). With the same keys and IV your bytes are charon's, padding 1, 2, 3, ... included.`,
      });
    });
  });
  test("random SAs and packets: the datagram is the reference's, sequence numbers 1, 2, 3, ...", () => {
    const r = rng("16-tunnel outbound");
    for (let round = 0; round < 4; round++) {
      const c = childPair(r, { strong: r.int(0, 1) === 1 });
      const gw = left();
      const mirror = ref.createGateway(LEFT, RIGHT, LEFT_LAN, RIGHT_LAN);
      installChild(gw, c.left, T0);
      ref.installChild(mirror, c.left, T0);
      for (let seq = 1; seq <= 3; seq++) {
        const packet = lanPing(r, LEFT_LAN, RIGHT_LAN);
        const iv = r.bytes(16);
        const got = fromTun(gw, packet, T0, iv);
        const want = ref.fromTun(mirror, packet, T0, iv) as Extract<FromTun, { kind: "esp" }>;
        const datagram = datagramOf(got, `fromTun(packet ${seq} on a ${c.left.encryption}/${c.left.integrity} SA)`);
        expectBytes(datagram, want.datagram, { what: `the ESP datagram for packet ${seq} (${packet.length} bytes) on SPI 0x${c.left.outbound.spi.toString(16)}`, layout: espLayout(0, want.datagram.length, icvBytes(c.left)), why: `the SPI is the peer's (child.outbound.spi), the sequence number ${seq}; nothing before the SPI: the kernel writes the outer IPv4 and UDP headers.` });
        expectEqual(got.kind === "esp" && got.spi, c.left.outbound.spi, { what: "fromTun(...).spi", why: "the outbound SA the packet went on, so the daemon can count it." });
        expectEqual(got.kind === "esp" && got.lifetime, "ok", { what: "fromTun(...).lifetime on a fresh SA" });
      }
    }
  });
});

describe("step 3: inbound, from UDP 4500 to the TUN device", () => {
  test("strongSwan's datagrams open to its pings and replies", () => {
    const responder = ssGateway("responder");
    ssRequests.forEach((d, i) => {
      const got = packetOf(fromUdp(responder, d, SS_INITIATOR, T0), `fromUdp(charon's echo request ${i + 1} from 192.168.12.1)`);
      expectBytes(got, ssPings[i]!, { what: `the inner packet of echo request ${i + 1}`, layout: packetLayout(), why: "tunnel mode: ESP carried the whole original packet, 10.1.1.1 -> 10.2.2.1, which goes to the TUN device as it is." });
      expectEqual(got[9], IP_PROTOCOL.ICMP, { what: "its Protocol", why: "charon's tunnel carried three pings." });
    });
    const initiator = ssGateway("initiator");
    ssReplies.forEach((d, i) => {
      const got = packetOf(fromUdp(initiator, d, SS_RESPONDER, T0), `fromUdp(charon's echo reply ${i + 1} from 192.168.12.2)`);
      expectBytes(got, ssPongs[i]!, { what: `the inner packet of echo reply ${i + 1}`, layout: packetLayout() });
      expectThrows(() => fromUdp(initiator, d, SS_RESPONDER, T0), { what: `fromUdp(charon's echo reply ${i + 1} a second time)`, error: "ReplayError", field: "ESP Sequence", why: "a second copy of a packet is a replay (RFC 4303 section 3.4.3)." });
    });
  });
  test("random packets cross between two gateways, yours on either side", () => {
    const r = rng("16-tunnel round trip");
    const sides = [
      { label: "your left -> your right", send: fromTun, make: left, recv: fromUdp, makeR: right },
      { label: "your left -> reference right", send: fromTun, make: left, recv: ref.fromUdp as typeof fromUdp, makeR: () => ref.createGateway(RIGHT, LEFT, RIGHT_LAN, LEFT_LAN) as Gateway },
      { label: "reference left -> your right", send: ref.fromTun as typeof fromTun, make: () => ref.createGateway(LEFT, RIGHT, LEFT_LAN, RIGHT_LAN) as Gateway, recv: fromUdp, makeR: right },
    ];
    for (const side of sides) {
      const c = childPair(r, { strong: r.int(0, 1) === 1 });
      const a = side.make();
      const b = side.makeR();
      (side.make === left ? installChild : (ref.installChild as typeof installChild))(a, c.left, T0);
      (side.makeR === right ? installChild : (ref.installChild as typeof installChild))(b, c.right, T0);
      for (let i = 0; i < 6; i++) {
        const packet = lanPing(r, LEFT_LAN, RIGHT_LAN);
        const d = datagramOf(side.send(a, packet, T0), `${side.label}: fromTun(packet ${i + 1})`);
        const got = side.recv(b, d, LEFT, T0);
        expectBytes(packetOf(got, `${side.label}: fromUdp(datagram ${i + 1})`), packet, { what: `${side.label}: packet ${i + 1} after the tunnel`, layout: packetLayout(), why: "what left read from its TUN device is what right writes to its own, byte for byte." });
        expectEqual(got.kind === "packet" && got.spi, c.right.inbound.spi, { what: `${side.label}: fromUdp(...).spi`, why: "the inbound SA that carried it: the SPI in the datagram's first four bytes." });
      }
    }
  });
  test("IKE and NAT-keepalives on port 4500 are told apart from ESP", () => {
    const gw = right();
    const ike = fromHexLoose("00000000 0505de73642a0ffb 2e9602b27dcc703b 08100501 96f6a0c2 0000004c");
    expectEqual(fromUdp(gw, ike, LEFT, T0), { kind: "ike", message: ike.subarray(4) }, { what: "fromUdp(non-ESP marker + an ISAKMP header)", why: "RFC 3948 section 2.2: four zero bytes mean IKE; it goes to the IKE daemon without the marker." });
    expectEqual(fromUdp(gw, Uint8Array.of(0xff), LEFT, T0), { kind: "keepalive" }, { what: "fromUdp(ff)", why: "RFC 3948 section 2.3: a NAT-keepalive, sent only to keep a NAT's mapping open." });
  });
  test("twin: truncated datagrams", () => {
    const gw = right();
    expectThrows(() => fromUdp(gw, Uint8Array.of(0x41, 0x16), LEFT, T0), { what: "fromUdp(2 bytes)", error: "TruncatedError", field: "Non-ESP Marker" });
    expectThrows(() => fromUdp(gw, fromHexLoose("41163ec90000"), LEFT, T0), { what: "fromUdp(an SPI and 2 bytes)", error: "TruncatedError", field: "ESP Sequence" });
  });
});

/** A right gateway with a CHILD SA, and what a sender holding the same SA sends it. */
function receiverWith(r: Rng, lifetime?: { kilobytes: number }) {
  const c = childPair(r, lifetime ? { lifetime } : {});
  const gw = right();
  installChild(gw, c.right, T0);
  // The sender is the reference with a wide policy, so it can also send what the SA's selectors forbid.
  const sender = ref.createGateway(LEFT, RIGHT, "10.0.0.0/8", "10.0.0.0/8");
  ref.installChild(sender, c.left, T0);
  const send = (packet: Uint8Array) => (ref.fromTun(sender, packet, T0) as Extract<FromTun, { kind: "esp" }>).datagram;
  return { c, gw, send };
}

describe("step 4: what the gateway drops", () => {
  test("twin: an unknown SPI, a flipped bit, a replay, a stranger", () => {
    const r = rng("16-tunnel drops");
    const { gw, send } = receiverWith(r);
    const first = send(lanPing(r, LEFT_LAN, RIGHT_LAN));
    packetOf(fromUdp(gw, first, LEFT, T0), "fromUdp(the first packet)");
    const unknown = first.slice();
    unknown.set([0x0b, 0xad, 0x5e, 0xed], 0);
    expectThrows(() => fromUdp(gw, unknown, LEFT, T0), { what: "fromUdp(ESP with SPI 0x0bad5eed)", error: "FieldError", field: "ESP SPI", why: "no inbound SA has that SPI (RFC 4303 section 3.4.2)." });
    expectThrows(() => fromUdp(gw, first, LEFT, T0), { what: "fromUdp(the first datagram again)", error: "ReplayError", field: "ESP Sequence", why: "an attacker replaying a captured packet: the anti-replay window has seen sequence 1." });
    const second = send(lanPing(r, LEFT_LAN, RIGHT_LAN));
    const at = r.int(24, second.length - 13);
    expectThrows(() => fromUdp(gw, flipBit(second, at, r.int(0, 7)), LEFT, T0), { what: `fromUdp(the second datagram with one bit flipped at byte ${at})`, error: "IntegrityError", field: "ESP ICV", why: "the HMAC over SPI, sequence number, IV and ciphertext no longer matches." });
    expectThrows(() => fromUdp(gw, second, { address: "192.168.12.99", port: 4500 }, T0), { what: "fromUdp(a good datagram, but from 192.168.12.99)", error: "FieldError", field: "Source Address", why: "only this tunnel's peer, 192.168.12.1, holds the keys: ESP from any other address is refused before any cryptography is spent on it." });
    const got = packetOf(fromUdp(gw, second, LEFT, T0), "fromUdp(the second datagram, intact, from the peer)");
    expectEqual(got.length > 20, true, { what: "the second packet after all those drops", why: "a refused datagram changes no SA state: the genuine packet is still accepted." });
  });
  test("twin: an inner packet outside the SA's selectors", () => {
    const r = rng("16-tunnel selectors");
    const { gw, send } = receiverWith(r);
    const fromOutside = lanPing(r, "10.9.0.0/24", RIGHT_LAN, 100);
    expectThrows(() => fromUdp(gw, send(fromOutside), LEFT, T0), { what: `fromUdp(genuine ESP carrying ${fromOutside.subarray(12, 16).join(".")} -> ${fromOutside.subarray(16, 20).join(".")})`, error: "FieldError", field: "Source Address", why: "RFC 4301 section 5.2: after decapsulation the inner packet must match the SA's selectors; this SA carries traffic from 10.1.0.0/24 only. Without the check, a peer could inject packets 'from' any network." });
    const toOutside = lanPing(r, LEFT_LAN, "10.7.0.0/24", 100);
    expectThrows(() => fromUdp(gw, send(toOutside), LEFT, T0), { what: `fromUdp(genuine ESP carrying ${toOutside.subarray(12, 16).join(".")} -> ${toOutside.subarray(16, 20).join(".")})`, error: "FieldError", field: "Destination Address", why: "this SA carries traffic to 10.2.0.0/24 only: the peer may not use the tunnel to reach other networks behind us." });
    const fine = lanPing(r, LEFT_LAN, RIGHT_LAN, 100);
    expectBytes(packetOf(fromUdp(gw, send(fine), LEFT, T0), "fromUdp(a packet inside the selectors)"), fine, { what: "the packet inside the selectors", layout: packetLayout() });
  });
  test("soft lifetime, then the hard one, in both directions", () => {
    const r = rng("16-tunnel lifetime");
    // 2 KB hard, soft at 90 % (1843 bytes); pings of 615 to 682 bytes: three pass the soft limit, not the hard one.
    const { c, gw, send } = receiverWith(r, { kilobytes: 2 });
    const states: string[] = [];
    for (let i = 0; i < 3; i++) {
      const got = fromUdp(gw, send(lanPing(r, LEFT_LAN, RIGHT_LAN, 654, 587)), LEFT, T0);
      states.push(got.kind === "packet" ? got.lifetime : got.kind);
    }
    expectEqual(states, ["ok", "ok", "soft"], { what: "fromUdp(...).lifetime for three 615-682 byte packets on a 2 KB SA (soft at 90 %)", why: "the SAD's answer is passed on: the daemon starts the next quick mode at the soft limit." });
    expectThrows(() => fromUdp(gw, send(lanPing(r, LEFT_LAN, RIGHT_LAN, 654, 587)), LEFT, T0), { what: "fromUdp(a 4th such packet: past 2048 bytes)", error: "SaExpiredError", field: "lifetime bytes" });
    const out: string[] = [];
    for (let i = 0; i < 3; i++) {
      const got = fromTun(gw, lanPing(r, RIGHT_LAN, LEFT_LAN, 654, 587), T0);
      out.push(got.kind === "esp" ? got.lifetime : got.kind);
    }
    expectEqual(out, ["ok", "ok", "soft"], { what: `fromTun(...).lifetime for three packets on outbound SPI 0x${c.right.outbound.spi.toString(16)}` });
    expectThrows(() => fromTun(gw, lanPing(r, RIGHT_LAN, LEFT_LAN, 654, 587), T0), { what: "fromTun(a 4th packet past the hard limit)", error: "SaExpiredError", field: "lifetime bytes" });
  });
});

describe("step 5: rekeying, make-before-break", () => {
  test("outbound moves to the newest SA; both inbound SAs work until the old one is removed", () => {
    const r = rng("16-tunnel rekey");
    const old = childPair(r);
    const next = childPair(r);
    const gw = right();
    const peer = ref.createGateway(LEFT, RIGHT, LEFT_LAN, RIGHT_LAN);
    installChild(gw, old.right, T0);
    ref.installChild(peer, old.left, T0);
    // Two packets the peer sent on the old SA, still on their way when the new one is installed.
    const onOld = () => (ref.fromTun(peer, lanPing(r, LEFT_LAN, RIGHT_LAN), T0) as Extract<FromTun, { kind: "esp" }>).datagram;
    const late = onOld();
    const later = onOld();
    installChild(gw, next.right, T0 + 3000);
    ref.installChild(peer, next.left, T0 + 3000);
    const out = fromTun(gw, lanPing(r, RIGHT_LAN, LEFT_LAN), T0 + 3000);
    expectEqual(out.kind === "esp" && out.spi, next.right.outbound.spi, { what: "fromTun(...).spi right after the second CHILD SA was installed", why: "make-before-break: from the moment the new SA is installed, outbound traffic uses the newest one." });
    const onNew = () => (ref.fromTun(peer, lanPing(r, LEFT_LAN, RIGHT_LAN), T0 + 3000) as Extract<FromTun, { kind: "esp" }>).datagram;
    expectEqual(fromUdp(gw, onNew(), LEFT, T0 + 3000).kind, "packet", { what: "fromUdp(a packet on the new SA)" });
    expectEqual(fromUdp(gw, late, LEFT, T0 + 3000).kind, "packet", { what: "fromUdp(a packet the peer sent on the old SA before it switched)", why: "the old inbound SA keeps working until it is removed: packets in flight during the rekey are not lost." });
    removeChild(gw, old.right);
    expectThrows(() => fromUdp(gw, later, LEFT, T0 + 3001), { what: "fromUdp(the other packet sent on the old SA, arriving after removeChild(old))", error: "FieldError", field: "ESP SPI", why: "removeChild deleted both SAs of the old CHILD SA (Sad.remove): its SPI is unknown now." });
    expectEqual(fromUdp(gw, onNew(), LEFT, T0 + 3001).kind, "packet", { what: "fromUdp(a packet on the new SA) after the old one was removed" });
  });
  test("removing the newest falls back to the one left; removing all leaves the policy waiting for an SA", () => {
    const r = rng("16-tunnel remove");
    const a = childPair(r);
    const b = childPair(r);
    const gw = left();
    installChild(gw, a.left, T0);
    installChild(gw, b.left, T0 + 10);
    removeChild(gw, b.left);
    const out = fromTun(gw, lanPing(r, LEFT_LAN, RIGHT_LAN), T0 + 20);
    expectEqual(out.kind === "esp" && out.spi, a.left.outbound.spi, { what: "fromTun(...).spi after the newer CHILD SA was removed (a Delete from the peer)", why: "the older SA still exists in both directions: outbound falls back to it rather than waiting for a new negotiation." });
    removeChild(gw, a.left);
    expectEqual(fromTun(gw, lanPing(r, LEFT_LAN, RIGHT_LAN), T0 + 30), { kind: "no-sa" }, { what: "fromTun(...) with every CHILD SA removed", why: "the policy still says PROTECT: with no SA the packet waits for IKE, it is never sent in the clear." });
    installChild(gw, a.left, T0 + 40);
    const back = fromTun(gw, lanPing(r, LEFT_LAN, RIGHT_LAN), T0 + 40);
    expectEqual(back.kind === "esp" && u32(back.datagram, 4), 1, { what: "the sequence number after the same SPIs were installed again", why: "Sad.remove forgot everything: an SA added again starts a new counter at 1." });
  });
});
