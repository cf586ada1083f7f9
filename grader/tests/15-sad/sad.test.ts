/**
 * Hidden tests for 15-sad/sad: the SAD ties sequence numbers, the replay
 * window, lifetimes and AH/ESP together, in the order of RFC 4303 section 3.4.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, rng } from "@teach";
import { Sad, type SadEntry } from "@impl/15-sad/sad.ts";
import { espTransport, espTunnel } from "@ref/13-esp/encapsulate.ts";
import { ahTransport } from "@ref/12-ah/protect.ts";
import { cutTo, flipBit, SEED_PING, seedPing } from "../11-ipv4/fixtures.ts";
import { AH_TRANSPORT_SA, ESP_TRANSPORT_SA, ESP_TUNNEL_SA, IV } from "../12-ah/sas.ts";

const T0 = 1_000_000;
const espIn: SadEntry = { direction: "inbound", protocol: "ESP", mode: "transport", sa: ESP_TRANSPORT_SA, lifetime: { hardBytes: 1000 } };
const ahIn: SadEntry = { direction: "inbound", protocol: "AH", mode: "transport", sa: AH_TRANSPORT_SA, lifetime: {} };
const espOut: SadEntry = { direction: "outbound", protocol: "ESP", mode: "tunnel", tunnel: { src: "192.168.12.1", dst: "192.168.12.2" }, sa: ESP_TUNNEL_SA, lifetime: { softBytes: 250 } };

function receiver(): Sad {
  const sad = new Sad();
  sad.add(espIn, T0);
  sad.add(ahIn, T0);
  return sad;
}

const ping = seedPing(0x0042);
const esp = (seq: number) => espTransport(ping, ESP_TRANSPORT_SA, seq, IV);

describe("step 1: inbound, found by SPI", () => {
  test("ESP sequence 1, 2 and AH sequence 1 are delivered", () => {
    const sad = receiver();
    expectBytes(sad.inbound(esp(1), T0).packet, ping, { what: "sad.inbound(ESP seq 1).packet" });
    expectBytes(sad.inbound(esp(2), T0).packet, ping, { what: "sad.inbound(ESP seq 2).packet" });
    expectBytes(sad.inbound(ahTransport(ping, AH_TRANSPORT_SA, 1), T0).packet, ping, { what: "sad.inbound(AH seq 1).packet", why: "AH and ESP SAs are separate entries with separate windows: AH's 1 is not a replay of ESP's 1." });
  });
  test("twin: an unknown SPI", () => {
    const sad = receiver();
    expectThrows(() => sad.inbound(espTransport(ping, ESP_TUNNEL_SA, 1, IV), T0), { what: "sad.inbound(ESP with SPI 0x8bb181a7, which has no inbound SA)", error: "FieldError", field: "ESP SPI", why: "RFC 4303 section 3.4.2: no SA for the SPI, drop the packet." });
  });
  test("twin: a replay of sequence 1", () => {
    const sad = receiver();
    sad.inbound(esp(1), T0);
    expectThrows(() => sad.inbound(esp(1), T0), { what: "sad.inbound(ESP seq 1, a second time)", error: "ReplayError", field: "ESP Sequence", why: "the same packet captured and resent: its ICV is fine, its sequence number is not." });
  });
  test("twin: a forged packet with a huge sequence number does not move the window", () => {
    const sad = receiver();
    sad.inbound(esp(1), T0);
    expectThrows(() => sad.inbound(flipBit(esp(5000), 100), T0), { what: "sad.inbound(a tampered ESP packet with seq 5000)", error: "IntegrityError", field: "ESP ICV" });
    expectBytes(sad.inbound(esp(2), T0).packet, ping, { what: "sad.inbound(ESP seq 2) after the forgery", why: "the window is updated only after the ICV verifies (RFC 4303 section 3.4.3): had the forgery moved it to 5000, packet 2 would now be \"too old\"." });
  });
  test("twin: truncated before the sequence number", () => {
    expectThrows(() => receiver().inbound(cutTo(esp(1), 26), T0), { what: "sad.inbound(6 bytes of ESP)", error: "TruncatedError", field: "ESP Sequence" });
  });
  test("twin: past the hard byte lifetime", () => {
    const sad = receiver();
    for (let s = 1; s <= 10; s++) sad.inbound(esp(s), T0); // 10 × 100 bytes = the 1000-byte hard limit
    expectThrows(() => sad.inbound(esp(11), T0), { what: "sad.inbound(the 11th 100-byte packet on a 1000-byte SA)", error: "SaExpiredError", field: "lifetime bytes" });
    expectThrows(() => sad.inbound(esp(11), T0), { what: "sad.inbound(the same packet again)", error: "SaExpiredError", field: "lifetime bytes", why: "refused for the lifetime, not as a replay: the window was not updated for a packet that was dropped." });
  });
});

describe("step 2: outbound, counted", () => {
  test("sequence numbers 1, 2, 3, tunnel mode, the soft lifetime reported", () => {
    const sad = new Sad();
    sad.add(espOut, T0);
    const states: string[] = [];
    for (let s = 1; s <= 3; s++) {
      const out = sad.outbound("ESP", ESP_TUNNEL_SA.spi, SEED_PING, T0, IV);
      expectBytes(out.packet, espTunnel(SEED_PING, ESP_TUNNEL_SA, s, { src: "192.168.12.1", dst: "192.168.12.2", identification: s }, IV), { what: `sad.outbound(packet ${s}).packet`, why: `the SA's counter gives packet ${s} sequence number ${s}; the outer Identification is the sequence number's low 16 bits.` });
      states.push(out.lifetime);
    }
    expectEqual(states, ["ok", "ok", "soft"], { what: "the lifetime states of three 100-byte packets on a 250-byte soft limit", why: "after 300 bytes the soft limit is passed: time to rekey." });
  });
  test("twin: an outbound SPI that does not exist, and a duplicate SA", () => {
    const sad = new Sad();
    sad.add(espOut, T0);
    expectThrows(() => sad.outbound("ESP", 0x1234, SEED_PING, T0), { what: "sad.outbound(SPI 0x1234)", error: "FieldError", field: "ESP SPI" });
    expectThrows(() => sad.add(espOut, T0), { what: "sad.add(the same outbound SA twice)", error: "FieldError", field: "ESP SPI" });
    expectThrows(() => sad.inbound(SEED_PING, T0), { what: "sad.inbound(a plain ping)", error: "FieldError", field: "Protocol" });
  });
});

describe("step 3: remove, when a Delete arrives or the SA expires", () => {
  test("a removed inbound SA accepts nothing more; the outbound SA with the same SPI is another entry", () => {
    const sad = receiver();
    const outEsp: SadEntry = { ...espOut, sa: ESP_TRANSPORT_SA, mode: "transport" };
    sad.add(outEsp, T0);
    sad.inbound(esp(1), T0);
    expectEqual(sad.remove("inbound", "ESP", ESP_TRANSPORT_SA.spi), true, { what: 'sad.remove("inbound", "ESP", 0x36cb42df)', why: "the SA was there: remove says so (RFC 4301 section 4.4.2: the SA is deleted)." });
    expectThrows(() => sad.inbound(esp(2), T0), { what: "sad.inbound(ESP seq 2) after its SA was removed", error: "FieldError", field: "ESP SPI", why: "a deleted SA is gone: its SPI is unknown now, exactly as if it had never been added (RFC 4303 section 3.4.2)." });
    expectBytes(sad.outbound("ESP", ESP_TRANSPORT_SA.spi, ping, T0, IV).packet, esp(1), { what: "sad.outbound(ESP, 0x36cb42df) after the inbound SA with that SPI was removed", why: "direction is part of the key: removing the inbound SA leaves the outbound one alone, its counter still at 1." });
    expectBytes(sad.inbound(ahTransport(ping, AH_TRANSPORT_SA, 1), T0).packet, ping, { what: "sad.inbound(AH seq 1) after the ESP SA was removed", why: "protocol is part of the key too: the AH SA is untouched." });
  });
  test("twin: removing an SA that is not there returns false and changes nothing", () => {
    const sad = receiver();
    expectEqual(sad.remove("inbound", "ESP", 0x1234), false, { what: 'sad.remove("inbound", "ESP", 0x1234), never added' });
    expectEqual(sad.remove("outbound", "ESP", ESP_TRANSPORT_SA.spi), false, { what: 'sad.remove("outbound", "ESP", 0x36cb42df): only the inbound SA has this SPI' });
    expectEqual(sad.remove("inbound", "AH", ESP_TRANSPORT_SA.spi), false, { what: 'sad.remove("inbound", "AH", 0x36cb42df): the ESP SA has this SPI, no AH SA' });
    expectBytes(sad.inbound(esp(1), T0).packet, ping, { what: "sad.inbound(ESP seq 1) after three removals of absent SAs" });
    expectEqual(sad.remove("inbound", "ESP", ESP_TRANSPORT_SA.spi), true, { what: "the first remove of the ESP SA" });
    expectEqual(sad.remove("inbound", "ESP", ESP_TRANSPORT_SA.spi), false, { what: "the second remove of the same SA", why: "it is gone already: a second Delete for the same SPI finds nothing." });
  });
  test("twin: a removed SPI can be added again, as a new SA with fresh state", () => {
    const r = rng("15-sad remove re-add");
    const sad = receiver();
    const n = r.int(3, 10); // at most the 1000 bytes the SA allows
    for (let s = 1; s <= n; s++) sad.inbound(esp(s), T0);
    sad.remove("inbound", "ESP", ESP_TRANSPORT_SA.spi);
    sad.add(espIn, T0 + 10);
    expectBytes(sad.inbound(esp(1), T0 + 10).packet, ping, { what: `sad.inbound(ESP seq 1) on the SA added again after ${n} packets on the removed one`, why: "a new SA starts with an empty replay window and a fresh lifetime: sequence 1 is new to it." });
    for (let s = 2; s <= 10; s++) sad.inbound(esp(s), T0 + 10);
    expectThrows(() => sad.inbound(esp(11), T0 + 10), { what: "sad.inbound(the 11th 100-byte packet on the new 1000-byte SA)", error: "SaExpiredError", field: "lifetime bytes", why: "the new SA's lifetime counts from zero: the bytes of the removed SA are not carried over, and its limit applies in full." });
  });
});
