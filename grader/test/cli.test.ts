/** The `ipsec-course` commands, run as a learner runs them: as a child process. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadCourse } from "../src/manifest.ts";
import { PRISTINE_DIR } from "../src/paths.ts";
import { snapshotPristine } from "../src/pristine.ts";
import { IKE_SCAN_LINES } from "../tests/08-aggressive-mode/ike-scan-vectors.ts";
import { cli, cliAsync, implCopy } from "./helpers.ts";

const course = loadCourse();
const state = mkdtempSync(join(tmpdir(), "ipsec-course-state-"));
const env = { IPSEC_COURSE_STATE_DIR: state };
/**
 * A whole-course `verify` runs every exercise's tests, one after another: its
 * time grows with the course, and on a loaded machine (the rest of the suite
 * runs beside it) each exercise can take seconds.
 */
const WHOLE_COURSE_MS = 60_000 + 10_000 * course.exercises.length;

describe("ipsec-course", () => {
  test("help lists every command", () => {
    const r = cli(["help"], env);
    expect(r.status).toBe(0);
    for (const c of ["watch", "list", "hint", "run", "verify", "reset", "lessons", "grade", "merge", "tunnel up", "tunnel down", "tunnel status", "lab up", "lab down", "lab status", "lab exec"]) expect(r.stdout).toContain(`  ${c}`);
  });
  test("an unknown command or option is a usage error (exit 2)", () => {
    expect(cli(["frobnicate"], env).status).toBe(2);
    expect(cli(["list", "--no-such-flag"], env).status).toBe(2);
    expect(cli(["run", "99-nothing/here"], env).stderr).toMatch(/no exercise "99-nothing\/here"/);
  });
  test("list shows every exercise of a chapter, in order", () => {
    const r = cli(["list", "--chapter", "1"], env);
    expect(r.status).toBe(0);
    const ids = course.exercises.filter((e) => e.chapter === "01-bytes").map((e) => e.id);
    const positions = ids.map((id) => r.stdout.indexOf(id));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(r.stdout).not.toContain("02-isakmp-header/");
  });
  test("hint gives tier after tier", () => {
    const ex = course.exercises[0]!;
    expect(cli(["hint", ex.id], env).stdout).toContain(`Hint 1/${ex.hints.length}: ${ex.hints[0]}`);
    const all = cli(["hint", ex.id, "--level", "9"], env).stdout;
    ex.hints.forEach((h) => expect(all).toContain(h));
    expect(all).toContain("last hint");
  });
  test("run: exit 1 and 'not started' on a stub, exit 0 on the solution", () => {
    const stub = cli(["run", "01-bytes/hex"], env);
    expect(stub.status).toBe(1);
    expect(stub.stdout).toMatch(/not started/);
    expect(stub.stdout).toMatch(/toHex is not written yet: replace the todo\(\) call/);
    const sol = cli(["run", "01-bytes/hex", "--impl", "solutions"], env);
    expect(sol.status, sol.stdout).toBe(0);
    expect(sol.stdout).toMatch(/all \d+ tests pass/);
  });
  test("verify --json on the solutions: every exercise passes, with tests in file order and a seed", () => {
    const r = cli(["verify", "--impl", "solutions", "--json", "--seed", "42"], env, WHOLE_COURSE_MS);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { seed: number; results: { id: string; status: string; seed: number; tests: { name: string; file: string }[] }[]; summary: { passed: number; total: number } };
    // Each verdict counts its own exercise's tests only, not those of the exercises verified before it.
    for (const [i, x] of report.results.entries()) expect(x.tests.every((t) => course.exercises[i]!.tests.includes(t.file)), x.id).toBe(true);
    expect(report.seed).toBe(42);
    expect(report.results.map((x) => x.id)).toEqual(course.exercises.map((e) => e.id));
    expect(report.results.every((x) => x.status === "pass" && x.seed === 42 && x.tests.length > 0)).toBe(true);
    expect(report.summary).toMatchObject({ passed: course.exercises.length, total: course.exercises.length });
  }, WHOLE_COURSE_MS + 10_000);
  test("verify on the shipped stubs: every exercise fails, exit 1, a closing count", () => {
    snapshotPristine();
    const r = cli(["verify", "--impl", implCopy(PRISTINE_DIR)], env, WHOLE_COURSE_MS);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`0 passed, ${course.exercises.length} failed`);
  }, WHOLE_COURSE_MS + 10_000);
  test("verify --chapter selects chapters", () => {
    const r = cli(["verify", "--impl", "solutions", "--chapter", "2", "--json"], env);
    const ids = (JSON.parse(r.stdout) as { results: { id: string }[] }).results.map((x) => x.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id.startsWith("02-"))).toBe(true);
  });
  test("reset refuses to overwrite without confirmation when there is no terminal to ask on", () => {
    expect(cli(["snapshot"], env).status).toBe(0);
    const r = cli(["reset", "01-bytes/hex"], env);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/Add --yes to confirm/);
  });
  test("lessons renders one page per chapter with the exercises' anchors", () => {
    const out = mkdtempSync(join(tmpdir(), "ipsec-course-site-"));
    const r = cli(["lessons", "--out", out], env);
    expect(r.status, r.stderr).toBe(0);
    for (const ch of course.chapters) {
      const page = join(out, `${ch.id}.html`);
      expect(existsSync(page), page).toBe(true);
      const html = readFileSync(page, "utf8");
      for (const ex of ch.exercises) expect(html).toContain(`<a id="${ex.lesson.split("#")[1]}"></a>`);
      expect(html).not.toMatch(/href="[^"]*\.md(#|")/);
    }
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain(course.exercises[0]!.title);
    expect(readFileSync(join(out, "instructors.html"), "utf8")).toContain("ipsec-course grade");
  });
  test("pcap writes a capture and Wireshark's esp_sa and sa.json; a stub names the exercises it needs", () => {
    const out = mkdtempSync(join(tmpdir(), "ipsec-course-pcap-"));
    const r = cli(["pcap", "esp-tunnel", "--impl", "solutions", "-o", join(out, "esp.pcap"), "--keys-dir", join(out, "keys")], env);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(out, "esp.pcap")).length).toBeGreaterThan(24 + 6 * (16 + 14 + 168) - 1);
    const espSa = readFileSync(join(out, "keys", "esp_sa"), "utf8").trim().split("\n");
    expect(espSa, "one esp_sa line per SA and direction").toHaveLength(2);
    expect(espSa[0]).toMatch(/^"IPv4","192\.168\.12\.1","192\.168\.12\.2","0x8bb181a7","AES-CBC \[RFC3602\]","0x[0-9a-f]{32}","HMAC-SHA-1-96 \[RFC2404\]","0x[0-9a-f]{40}"$/);
    expect(JSON.parse(readFileSync(join(out, "keys", "sa.json"), "utf8")).sas).toHaveLength(2);
    const stub = cli(["pcap", "ah-transport", "--impl", PRISTINE_DIR, "-o", join(out, "ah.pcap")], env);
    expect(stub.status).not.toBe(0);
    expect(stub.stderr).toContain("12-ah/protect");
  });
  test("psk-crack recovers the PSK from ike-scan's line with the chosen implementation; a stub says what it needs", () => {
    const dir = mkdtempSync(join(tmpdir(), "ipsec-course-psk-crack-"));
    const x = IKE_SCAN_LINES[0]!;
    writeFileSync(join(dir, "line.txt"), `${x.line}\n`);
    writeFileSync(join(dir, "words.txt"), ["cisco", "secret", x.psk, "vpn"].join("\r\n") + "\r\n");
    const r = cli(["psk-crack", join(dir, "line.txt"), "--wordlist", join(dir, "words.txt"), "--impl", "solutions"], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`line 1: key "${x.psk}" matches HASH_R (guess 3`);
    writeFileSync(join(dir, "none.txt"), "cisco\nsecret\n");
    expect(cli(["psk-crack", join(dir, "line.txt"), "--wordlist", join(dir, "none.txt"), "--impl", "solutions"], env).status, "no word matches: exit 1").toBe(1);
    const stub = cli(["psk-crack", join(dir, "line.txt"), "--wordlist", join(dir, "words.txt"), "--impl", PRISTINE_DIR], env);
    expect(stub.status).toBe(1);
    expect(stub.stderr).toContain("chapter 08 psk-crack exercise");
    expect(cli(["psk-crack", join(dir, "line.txt")], env).status, "no --wordlist: usage error").toBe(2);
  });
  test("tunnel and lab: usage errors exit 2; unfinished exercises are named before anything is opened; no daemon, exit 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ipsec-course-tunnel-"));
    const config = join(dir, "left.json");
    writeFileSync(config, JSON.stringify({ local: "192.168.12.1", remote: "192.168.12.2", psk: "cisco", localSubnet: "10.1.0.0/24", remoteSubnet: "10.2.0.0/24" }));
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ local: "192.168.12.1", mtu: 9000 }));
    // Independent commands, run side by side.
    const [noConfig, sideways, loud, bad, stub, status, down, middle, charon, slash] = await Promise.all([
      cliAsync(["tunnel", "up"], env),
      cliAsync(["tunnel", "sideways"], env),
      cliAsync(["tunnel", "up", "--config", config, "--log-level", "loud"], env),
      cliAsync(["tunnel", "up", "--config", join(dir, "bad.json")], env),
      cliAsync(["tunnel", "up", "--config", config, "--impl", "exercises", "--state-dir", dir], env),
      cliAsync(["tunnel", "status", "--state-dir", dir], env),
      cliAsync(["tunnel", "down", "--state-dir", dir, "--name", "nothing0"], env),
      cliAsync(["lab", "exec", "middle", "--", "true"], env),
      cliAsync(["lab", "up", "--right", "charon"], env),
      cliAsync(["lab", "status", "--lab", "Bad/Name"], env),
    ]);
    expect(noConfig.stderr, "tunnel up without --config").toMatch(/tunnel up needs --config FILE/);
    expect(sideways.status, "tunnel sideways").toBe(2);
    expect(loud.status, "--log-level loud").toBe(2);
    expect(bad.stderr, "a bad configuration is a usage error naming the key").toMatch(/"mtu" must be/);
    expect(stub.status, stub.stderr).toBe(1);
    expect(stub.stderr).toMatch(/not finished yet/);
    expect(stub.stderr, "the stub's quick mode exercise is named with its functions").toMatch(/09-quick-mode\/message-3\s+quick3, quickFinish/);
    expect(status.status, "tunnel status with no daemon").toBe(1);
    expect(status.stderr).toMatch(/no tunnel daemon in/);
    expect(down.stderr).toMatch(/no tunnel daemon is listening/);
    expect(middle.status, "lab exec middle").toBe(2);
    expect(charon.stderr).toMatch(/--right is ours or strongswan/);
    expect(slash.status, "a lab name with a slash").toBe(2);
  });
});
