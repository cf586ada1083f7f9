/**
 * The tunnel daemon's parts that need no network: its configuration file,
 * its log (format and flood limit), its control socket (status and down
 * over a unix socket), the status text, and the check that names unfinished
 * exercises before anything is opened. The daemon itself, with TUN devices
 * and namespaces, is tested by grader/interop/capstone-*.test.ts.
 */
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ConfigError } from "../src/ike/config.ts";
import { EXERCISES_DIR, SOLUTIONS_DIR } from "../src/paths.ts";
import { TUNNEL_DEFAULTS, stateDir, tunnelConfig } from "../src/tunnel/config.ts";
import { ControlError, controlRequest, pickTunnel, pidPath, readPid, serveControl, socketPath } from "../src/tunnel/control.ts";
import { DROP_REASONS } from "../src/tunnel/dataplane.ts";
import { LINES_PER_SECOND, TunnelLog } from "../src/tunnel/log.ts";
import { inSubnet } from "../src/tunnel/route.ts";
import { statusText, type TunnelStatus } from "../src/tunnel/status.ts";
import { unfinishedExercises } from "../src/tunnel/unfinished.ts";

const IKE = { local: "192.168.12.1", remote: "192.168.12.2", psk: "cisco", localSubnet: "10.1.0.0/24", remoteSubnet: "10.2.0.0/24" };

describe("tunnel configuration", () => {
  test("defaults: the seed's proposals, ipsc0, MTU 1400, no idle timeout, 8 queued packets, info", () => {
    const c = tunnelConfig(IKE);
    expect(c.tunnel).toEqual(TUNNEL_DEFAULTS);
    expect(c.tunnel).toEqual({ tun: "ipsc0", mtu: 1400, idleTimeout: 0, queue: 8, initiate: false, logLevel: "info" });
    expect(c.peer.phase1.suites[0]!.lifetimeSeconds, "phase 1 lifetime").toBe(86400);
    expect(c.peer.phase2.localSubnet).toBe("10.1.0.0/24");
  });
  test("tunnel keys are taken out before the IKE keys are checked; bad values name the key", () => {
    const c = tunnelConfig({ ...IKE, tun: "t0", mtu: 1300, idleTimeout: 60, queue: 2, initiate: true, logLevel: "debug" });
    expect(c.tunnel).toEqual({ tun: "t0", mtu: 1300, idleTimeout: 60, queue: 2, initiate: true, logLevel: "debug" });
    expect(() => tunnelConfig({ ...IKE, tun: "a-name-far-too-long" })).toThrow(/"tun"/);
    expect(() => tunnelConfig({ ...IKE, mtu: 1500 })).toThrow(/"mtu" must be a whole number from 576 to 1415/);
    expect(() => tunnelConfig({ ...IKE, logLevel: "loud" })).toThrow(/"logLevel"/);
    expect(() => tunnelConfig({ ...IKE, initiate: "yes" })).toThrow(ConfigError);
    expect(() => tunnelConfig({ ...IKE, tunnel: "x" }), "an unknown key is still refused by the IKE settings").toThrow(/unknown setting "tunnel"/);
  });
  test("state folder: --state-dir, then IPSEC_COURSE_STATE, then /run/ipsec-course", () => {
    const saved = process.env.IPSEC_COURSE_STATE;
    try {
      delete process.env.IPSEC_COURSE_STATE;
      expect(stateDir(undefined)).toBe("/run/ipsec-course");
      process.env.IPSEC_COURSE_STATE = "/tmp/x";
      expect(stateDir(undefined)).toBe("/tmp/x");
      expect(stateDir("/tmp/y")).toBe("/tmp/y");
    } finally {
      if (saved === undefined) delete process.env.IPSEC_COURSE_STATE;
      else process.env.IPSEC_COURSE_STATE = saved;
    }
  });
});

describe("tunnel log", () => {
  test("HH:MM:SS.mmm LEVEL component: text, filtered by level", () => {
    const lines: string[] = [];
    const log = new TunnelLog("info", { write: (l) => lines.push(l) }, () => Date.UTC(2026, 0, 1, 9, 5, 7, 42));
    log.info("ike", "IKE SA up");
    log.debug("esp", "not shown at info");
    log.error("tun", "gone");
    expect(lines).toEqual(["09:05:07.042 INFO  ike: IKE SA up\n", "09:05:07.042 ERROR tun: gone\n"]);
  });
  test("a flood of drops: a few lines per reason per second, then a count", () => {
    const lines: string[] = [];
    let now = 1_000_000;
    const log = new TunnelLog("info", { write: (l) => lines.push(l) }, () => now);
    for (let i = 0; i < 1000; i++) log.drop("esp", "replay", `packet ${i}`);
    log.drop("esp", "integrity", "another reason has its own budget");
    expect(lines.length, "lines in the first second").toBe(LINES_PER_SECOND + 1);
    now += 1000;
    log.drop("esp", "replay", "next second");
    expect(lines.at(-1)).toMatch(/drop replay: next second \(and 997 more "replay" lines not logged\)/);
    for (let i = 0; i < 10; i++) log.drop("esp", "replay", "again");
    log.flushLimited();
    expect(lines.at(-1)).toMatch(/8 more "replay" lines not logged/);
  });
});

describe("control socket", () => {
  test("status and down answer one JSON line each; the files go when it closes; a second daemon is refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ipsec-course-control-"));
    let downs = 0;
    const server = await serveControl(dir, "t0", { status: () => ({ name: "t0", pid: process.pid }), down: () => (downs++, { ok: true }) });
    try {
      expect(readPid(dir, "t0"), "the PID file holds our PID").toBe(process.pid);
      expect(await controlRequest(socketPath(dir, "t0"), "status")).toEqual({ name: "t0", pid: process.pid });
      expect(await controlRequest(socketPath(dir, "t0"), "down")).toEqual({ ok: true });
      expect(downs).toBe(1);
      expect(pickTunnel(dir, undefined), "the only socket in the folder").toBe("t0");
      await expect(serveControl(dir, "t0", { status: () => ({}), down: () => ({}) })).rejects.toThrow(/already running/);
    } finally {
      await server.close();
    }
    expect(existsSync(socketPath(dir, "t0")) || existsSync(pidPath(dir, "t0")), "socket or PID file left behind").toBe(false);
    await expect(controlRequest(socketPath(dir, "t0"), "status")).rejects.toThrow(ControlError);
    expect(() => pickTunnel(dir, undefined)).toThrow(/no tunnel daemon/);
  });
  test("a socket file left by a dead daemon is replaced", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ipsec-course-control-"));
    writeFileSync(socketPath(dir, "t1"), "");
    const server = await serveControl(dir, "t1", { status: () => ({ alive: true }), down: () => ({}) });
    try {
      expect(await controlRequest(socketPath(dir, "t1"), "status")).toEqual({ alive: true });
    } finally {
      await server.close();
    }
  });
});

describe("status text and routes", () => {
  test("the text view shows the SAs, SPIs, counters and only the drops that happened", () => {
    const drops = Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as TunnelStatus["drops"];
    drops.replay = 2;
    const s: TunnelStatus = {
      name: "ipsc0", pid: 42, impl: "solutions", uptimeSeconds: 75,
      local: "192.168.12.1", remote: "192.168.12.2", localSubnet: "10.1.0.0/24", remoteSubnet: "10.2.0.0/24",
      ike: [{ cookies: "0102030405060708:1112131415161718", mode: "main", role: "initiator", state: "established", lifetimeSeconds: 86400, ageSeconds: 75 }],
      ipsec: [{ spiIn: "0xc0ffee01", spiOut: "0xdeadbeef", protocol: "ESP", encryption: "aes-128-cbc", integrity: "hmac-sha1-96", mode: "tunnel", ageSeconds: 70, rekeyInSeconds: 2900, expiresInSeconds: 3530, in: { packets: 5, bytes: 420 }, out: { packets: 6, bytes: 504 } }],
      counters: { tunIn: 6, tunOut: 5, espIn: 7, espOut: 6, ikeIn: 5, ikeOut: 6, queued: 1 },
      drops,
    };
    const text = statusText(s);
    for (const part of ["tunnel ipsc0 (pid 42, up 1m15s", "0102030405060708:1112131415161718  main mode, initiator", "ESP in 0xc0ffee01 out 0xdeadbeef", "in  5 packets, 420 bytes", "ESP in 7", "drops: replay 2"]) {
      expect(text, `the status text shows "${part}"`).toContain(part);
    }
  });
  test("inSubnet", () => {
    expect(inSubnet("10.1.0.1", "10.1.0.0/24")).toBe(true);
    expect(inSubnet("10.1.1.1", "10.1.0.0/24")).toBe(false);
    expect(inSubnet("192.168.12.1", "0.0.0.0/0")).toBe(true);
  });
});

describe("unfinished exercises", () => {
  test("the shipped stubs are named with their todo() functions, following imports; the solutions have none", () => {
    const entries = ["09-quick-mode/message-3.ts", "16-tunnel/gateway.ts"];
    const stubs = unfinishedExercises(EXERCISES_DIR, entries);
    expect(stubs.map((u) => u.exercise)).toContain("09-quick-mode/message-3");
    expect(stubs.find((u) => u.exercise === "09-quick-mode/message-3")!.functions).toContain("quick3");
    expect(unfinishedExercises(SOLUTIONS_DIR, entries)).toEqual([]);
  });
  test("an exercise reached only through an import of a finished one is found", () => {
    const dir = mkdtempSync(join(tmpdir(), "ipsec-course-unfinished-"));
    mkdirSync(join(dir, "01-a"));
    mkdirSync(join(dir, "02-b"));
    writeFileSync(join(dir, "02-b/top.ts"), `import { x } from "../01-a/low.ts";\nimport type { T } from "../01-a/types.ts";\nexport const y = x;\n`);
    writeFileSync(join(dir, "01-a/low.ts"), `export function x() { return todo("x"); }\n`);
    writeFileSync(join(dir, "01-a/types.ts"), `export function t() { return todo("t"); }\n`);
    expect(unfinishedExercises(dir, ["02-b/top.ts"]), "type-only imports run no code").toEqual([{ exercise: "01-a/low", functions: ["x"] }]);
  });
});
