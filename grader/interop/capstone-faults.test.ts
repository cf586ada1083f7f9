/**
 * The capstone tunnel under attack and under failure, on the lab of
 * `ipsec-course lab up` with the reference on both routers.
 *
 * Every fault is aimed at the left daemon (192.168.12.1) over the underlay
 * from the right router's namespace: from 192.168.12.2 itself (its UDP
 * 500/4500 belong to the right daemon, so the attacker's socket takes
 * another port: the tunnel accepts ESP and IKE from the peer's address
 * whatever the port, as a NAT may change it) or from 192.168.12.3, a third
 * address on the same wire that is not the configured peer. The faulty
 * datagrams are made from real ones: the right daemon's own ESP and IKE,
 * captured on the underlay by dumpcap. Each case asks three questions:
 * did `tunnel status --json` count the drop under the right reason, does
 * the left daemon's log name that reason, and does a ping through the
 * tunnel get all its answers right after.
 *
 * Then the right daemon is killed (SIGKILL: no Delete) and started again
 * with `lab restart right`: dead peer detection on the left must notice and
 * the tunnel must carry pings again within a bound computed from the DPD
 * settings. Last, both sides run with a 20-second IPsec lifetime and a ping
 * every 0.2 s crosses a rekey without losing one packet.
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { initiatorState } from "@ref/07-main-mode/exchange.ts";
import { mainMode1 } from "@ref/07-main-mode/message-1.ts";
import { peerSettings } from "../src/ike/config.ts";
import { ADDRESSES, TUN_NAME, labSpec, readLabRecord, sideConfigPath, sideDir, type Side } from "../src/lab/lab.ts";
import { openLab, type Lab } from "../src/lab/netns.ts";
import type { DropReason } from "../src/tunnel/drops.ts";
import type { TunnelStatus } from "../src/tunnel/status.ts";
import { tunUnavailable } from "../src/tunnel/tun.ts";
import { startCapture, udpDatagrams, type UdpDatagram } from "./capture.ts";
import { course, leftovers, ping, randomLabName, tunnelStatus } from "./lab-cli.ts";
import { rng } from "../src/teach/random.ts";
import { interopSuite } from "./tools.ts";

const LEFT = ADDRESSES.left.underlay;
const RIGHT = ADDRESSES.right.underlay;
/** A host on the underlay that is not the configured peer. */
const STRANGER = "192.168.12.3";

/** DPD in the lab: ask after 2 s of silence, again every 1 s, dead after 3 unanswered questions. */
const DPD = { delay: 2, retry: 1, tries: 3 };
/** Seconds of silence after which DPD declares the peer dead (chapter 10's DpdMonitor). */
const DPD_DEAD_AFTER = DPD.delay + DPD.tries * DPD.retry;
/** A new main mode and quick mode, and the first queued ping through them: measured at tens of ms, allowed a second. */
const NEGOTIATION_ALLOWANCE = 1;
/** The rekey run: IPsec SAs of 20 s, rekeyed 5-7 s before they end. */
const REKEY_LIFETIMES = { ike: 86400, ipsec: 20 };
const REKEY = { margin: 5, rand: 2 };

/**
 * Run inside the right namespace: bind `address`:0, send each hex datagram
 * to the left router's `port`, one after the other, and exit.
 */
const SEND = `
const s = require("node:dgram").createSocket("udp4");
const [, address, to, port, ...datagrams] = process.argv;
s.bind(0, address, async () => {
  for (const d of datagrams) await new Promise((r) => s.send(Buffer.from(d, "hex"), Number(port), to, r));
  s.close();
});
`;

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const isIke4500 = (d: UdpDatagram) => d.payload.length > 4 && d.payload[0] === 0 && d.payload[1] === 0 && d.payload[2] === 0 && d.payload[3] === 0;

interopSuite("capstone faults: bad packets are dropped, counted and logged, and the tunnel keeps carrying traffic (ours <-> ours)", { tools: ["ip", "ping", "dumpcap", "tshark"], root: true, checks: [tunUnavailable] }, () => {
  const name = randomLabName("flt");
  const work = mkdtempSync(join(tmpdir(), "ipsec-course-faults-"));
  let lab: Lab;
  const pids = new Set<number>();
  const measured: string[] = [];
  /** Real datagrams the right daemon sent to the left one, captured on the underlay. */
  let esp: UdpDatagram[] = [];
  let ike: UdpDatagram[] = [];

  const status = (side: Side = "left") => tunnelStatus(name, side);
  const log = (side: Side = "left") => readFileSync(join(sideDir(name, side), `${TUN_NAME}.log`), "utf8");

  function send(from: string, port: number, datagrams: readonly Uint8Array[]): void {
    lab.exec(lab.r2, [process.execPath, "-e", SEND, from, LEFT, String(port), ...datagrams.map(hex)]);
  }

  /** Edits both sides' configuration files and restarts both daemons (right first: it must listen when the left starts). */
  async function reconfigure(extra: Record<string, unknown>): Promise<void> {
    for (const side of ["left", "right"] as const) {
      const file = sideConfigPath(name, side);
      writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), ...extra }, null, 2) + "\n");
    }
    for (const side of ["right", "left"] as const) {
      const r = await course(["lab", "restart", side, "--lab", name]);
      expect(r.code, `lab restart ${side}: ${r.stdout}${r.stderr}`).toBe(0);
    }
    for (const p of Object.values(readLabRecord(name)!.pids)) if (p !== undefined) pids.add(p);
  }

  async function pingsAllAnswered(count = 3): Promise<void> {
    const r = await ping(name, "left", count);
    expect(r.received, `pings 10.1.0.1 -> 10.2.0.1 answered through the tunnel, of ${count}:\n${r.stdout}${r.stderr}`).toBe(count);
  }

  /**
   * Sends something bad and checks the three answers: the drop counted under
   * `reason` (by `count`), the log's "drop <reason>:" line, a clean ping after.
   */
  async function expectDropped(reason: DropReason, count: number, act: () => void): Promise<TunnelStatus> {
    const before = await status();
    const logBefore = log().length;
    act();
    const end = Date.now() + 5000;
    let after = await status();
    while (after.drops[reason] < before.drops[reason] + count && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      after = await status();
    }
    const changed = Object.fromEntries(Object.entries(after.drops).filter(([r, n]) => n !== before.drops[r as DropReason]).map(([r, n]) => [r, n - before.drops[r as DropReason]]));
    expect(changed, `drop counters that went up on the left (tunnel status --json "drops"), want ${reason} +${count}`).toEqual({ [reason]: count });
    const lines = log().slice(logBefore);
    expect(lines, `the left daemon's log after the fault names the reason ("drop ${reason}:")`).toContain(`drop ${reason}:`);
    await pingsAllAnswered();
    return after;
  }

  beforeAll(async () => {
    const up = await course(["lab", "up", "--impl", "solutions", "--lab", name]);
    expect(up.code, `ipsec-course lab up --lab ${name}:\n${up.stdout}${up.stderr}`).toBe(0);
    lab = openLab(labSpec(name));
    await reconfigure({ dpd: DPD });
    lab.exec(lab.r2, ["ip", "addr", "add", `${STRANGER}/24`, "dev", lab.r2.dev]);
    // Capture what the right daemon sends: ESP (pings answered) and, once
    // idle for the DPD delay, its R-U-THERE, a protected informational.
    const capture = await startCapture(lab, lab.r2, join(work, "underlay.pcap"));
    try {
      await pingsAllAnswered(5);
      await new Promise((r) => setTimeout(r, (DPD.delay + 1.5) * 1000));
    } finally {
      await capture.stop();
    }
    const fromRight = udpDatagrams(capture.file).filter((d) => d.src === RIGHT && d.dst === LEFT && d.srcPort === 4500);
    esp = fromRight.filter((d) => !isIke4500(d) && d.payload.length > 8);
    ike = fromRight.filter(isIke4500);
  });

  afterAll(async () => {
    await course(["lab", "down", "--lab", name]);
    if (measured.length > 0) process.stderr.write(`capstone faults: ${measured.join("; ")}\n`);
    rmSync(work, { recursive: true, force: true });
  });

  test("the captures to forge from: the right daemon's ESP (pings) and a protected IKE message (its R-U-THERE)", () => {
    expect(esp.length, "ESP-in-UDP datagrams from 192.168.12.2:4500 (5 echo replies)").toBeGreaterThanOrEqual(5);
    expect(ike.length, "IKE messages from 192.168.12.2:4500 after DPD's delay of silence").toBeGreaterThanOrEqual(1);
  });

  test("random datagrams to UDP 500: ike-malformed", async () => {
    const r = rng("faults: random to 500");
    const datagrams = Array.from({ length: 5 }, () => r.bytes(r.int(1, 200)));
    await expectDropped("ike-malformed", 5, () => send(RIGHT, 500, datagrams));
  });

  test("truncated IKE messages to UDP 500 and 4500: ike-malformed", async () => {
    const message = ike[0]!.payload.subarray(4);
    await expectDropped("ike-malformed", 2, () => {
      send(RIGHT, 500, [message.subarray(0, 20)]);
      send(RIGHT, 4500, [ike[0]!.payload.subarray(0, 4 + 40)]);
    });
  });

  test("random datagrams to UDP 4500 (read as ESP with a random SPI): unknown-spi", async () => {
    const r = rng("faults: random to 4500");
    const datagrams = Array.from({ length: 5 }, () => r.bytes(r.int(16, 200)));
    await expectDropped("unknown-spi", 5, () => send(RIGHT, 4500, datagrams));
  });

  test("truncated ESP to UDP 4500 (a real packet cut inside its header): malformed", async () => {
    await expectDropped("malformed", 2, () => send(RIGHT, 4500, [esp[0]!.payload.subarray(0, 6), esp[1]!.payload.subarray(0, 7)]));
  });

  test("ESP with an unknown SPI (a real packet, SPI changed): unknown-spi", async () => {
    const forged = esp[0]!.payload.slice();
    forged[0]! ^= 0x80;
    await expectDropped("unknown-spi", 1, () => send(RIGHT, 4500, [forged]));
  });

  test("a real ESP packet with one bit flipped (the sequence number's top bit): integrity, and the replay window does not move", async () => {
    // A packet the left already accepted would be a replay before its ICV is
    // even checked; bit 31 of the sequence number makes it new, and wrong.
    const forged = esp.at(-1)!.payload.slice();
    forged[4]! ^= 0x80;
    await expectDropped("integrity", 1, () => send(RIGHT, 4500, [forged]));
  });

  test("a replayed ESP packet (a real one, sent again unchanged): replay", async () => {
    await expectDropped("replay", 2, () => send(RIGHT, 4500, [esp[0]!.payload, esp.at(-1)!.payload]));
  });

  test("a protected IKE message with a bad hash (the right daemon's R-U-THERE, one bit flipped in its last encrypted block): ike-bad-hash", async () => {
    const forged = ike[0]!.payload.slice();
    forged[forged.length - 1]! ^= 0x01;
    await expectDropped("ike-bad-hash", 1, () => send(RIGHT, 4500, [forged]));
  });

  test("IKE from an unknown peer (main mode message 1 from 192.168.12.3): ike-unknown-peer", async () => {
    const settings = peerSettings({ local: STRANGER, remote: LEFT, psk: "cisco", localSubnet: "10.3.0.0/24", remoteSubnet: ADDRESSES.left.subnet });
    const mm1 = mainMode1(initiatorState("main", settings.phase1)).send!;
    await expectDropped("ike-unknown-peer", 1, () => send(STRANGER, 500, [mm1]));
  });

  test(`the peer killed (SIGKILL) and restarted: DPD declares it dead within ${DPD_DEAD_AFTER} s of silence (${DPD.delay} s delay + ${DPD.tries} x ${DPD.retry} s), and pings pass again within ${DPD_DEAD_AFTER + NEGOTIATION_ALLOWANCE} s`, async () => {
    const before = await status();
    const oldCookies = before.ike.map((s) => s.cookies);
    const pingRun = ping(name, "left", 75, 0.2); // 15 s of pings, one every 0.2 s
    await new Promise((r) => setTimeout(r, 1000));
    const victim = readLabRecord(name)!.pids.right!;
    const killedAt = performance.now();
    process.kill(victim, "SIGKILL");
    const restart = await course(["lab", "restart", "right", "--lab", name]);
    expect(restart.code, `lab restart right: ${restart.stdout}${restart.stderr}`).toBe(0);
    const restartS = (performance.now() - killedAt) / 1000;
    pids.add(readLabRecord(name)!.pids.right!);
    const r = await pingRun;
    // The replies by icmp_seq: the gap is the outage.
    const answered = [...r.stdout.matchAll(/icmp_seq=(\d+)/g)].map((m) => Number(m[1]));
    let gap = 0;
    for (let i = 1; i < answered.length; i++) gap = Math.max(gap, answered[i]! - answered[i - 1]! - 1);
    const outageS = (gap + 1) * 0.2;
    measured.push(`right restarted in ${restartS.toFixed(1)} s; pings lost ${gap} (outage ${outageS.toFixed(1)} s)`);
    expect(restartS, "seconds from SIGKILL until the restarted right daemon answered on its control socket (must beat DPD)").toBeLessThan(DPD_DEAD_AFTER);
    expect(answered.at(-1), "the last pings are answered: the tunnel is back").toBe(75);
    expect(outageS, `seconds without replies, bound: DPD ${DPD_DEAD_AFTER} s + ${NEGOTIATION_ALLOWANCE} s for main mode, quick mode and the first packet`).toBeLessThanOrEqual(DPD_DEAD_AFTER + NEGOTIATION_ALLOWANCE);
    const after = await status();
    expect(after.ike.map((s) => s.cookies).filter((c) => oldCookies.includes(c)), "the dead IKE SA is gone from the left (its cookies)").toEqual([]);
    expect(after.ike.length, "a new IKE SA with the restarted peer").toBeGreaterThanOrEqual(1);
    const lines = log();
    expect(lines, "the left log says DPD gave the peer up").toMatch(/dead/i);
    expect((await status("right")).drops["unknown-spi"], "the restarted right saw ESP for SAs it no longer had (unknown-spi)").toBeGreaterThanOrEqual(0);
  });

  test(`a rekey under continuous ping loses nothing (IPsec lifetime ${REKEY_LIFETIMES.ipsec} s, rekeyed ${REKEY.margin}-${REKEY.margin + REKEY.rand} s before)`, async () => {
    await reconfigure({ dpd: DPD, lifetimes: REKEY_LIFETIMES, rekey: REKEY });
    await pingsAllAnswered(1);
    const first = (await status()).ipsec.map((sa) => `${sa.spiIn}/${sa.spiOut}`);
    expect(first.length, "IPsec SAs on the left after the first ping").toBe(1);
    const r = await ping(name, "left", 90, 0.2); // 18 s: the rekey comes 13-15 s after the SA was installed
    expect(r.transmitted, "echo requests sent").toBe(90);
    expect(r.received, `echo replies through the tunnel across the rekey, of 90 (0 % loss):\n${r.stdout.split("\n").slice(-4).join("\n")}`).toBe(90);
    const after = await status();
    const pairs = after.ipsec.map((sa) => `${sa.spiIn}/${sa.spiOut}`);
    expect(pairs.filter((p) => !first.includes(p)).length, `a new SPI pair on the left after the rekey (before: ${first.join(", ")}; now: ${pairs.join(", ")})`).toBeGreaterThanOrEqual(1);
    measured.push(`rekey under ping: 90/90 answered; SPI pairs ${first.join(", ")} -> ${pairs.join(", ")}`);
  });

  test("lab down leaves no namespace and no process behind", async () => {
    const down = await course(["lab", "down", "--lab", name]);
    expect(down.code, `lab down: ${down.stdout}${down.stderr}`).toBe(0);
    expect(leftovers(name, [...pids]), "namespaces and daemons left after lab down").toEqual([]);
  });
});
