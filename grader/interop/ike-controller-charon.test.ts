/**
 * The tunnel's IKE controller (reference solution) against charon, on real
 * sockets in two namespaces: ours initiates towards charon; with a CHILD SA
 * lifetime of 20 s ours rekeys it by itself (a new quick mode on the same
 * IKE SA, which charon accepts), announcing the new SA before the old one
 * expires; ours asks R-U-THERE every 2 s of silence and charon answers;
 * charon killed (SIGKILL, no Delete) is declared dead within the DPD bound
 * (2 + 3 x 1 s), its CHILD SA removed as peer-dead.
 *
 * With an IKE SA lifetime of 30 s ours replaces the IKE SA by a new phase 1
 * (charon echoes that short Life-Duration in basic form, which chapter 07's
 * chosenSuite accepts as the 4 octets we sent) and deletes the old one;
 * charon keeps the CHILD SAs on the new IKE SA.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { COURSE_ROOT } from "../src/paths.ts";
import { CHARON, ikev1PskConfig, startCharon, type Charon } from "./charon.ts";
import { createLab, stopProcess, waitFor, type Lab } from "./netns.ts";
import { interopSuite } from "./tools.ts";
import type { ChildProcess } from "node:child_process";

interface Line {
  readonly at: number;
  readonly event: string;
  readonly spiIn?: string;
  readonly spiOut?: string;
  readonly why?: string;
  readonly reason?: string;
  readonly line?: string;
  readonly ike?: { readonly cookies: string; readonly role: string; readonly state: string; readonly dpd?: { readonly outstanding: number } }[];
}

const PSK = "cisco123";

interopSuite("our IKE controller against charon: rekeys and dead peer detection", { tools: ["ip", "unshare", "swanctl", "node", CHARON], root: true }, () => {
  let lab: Lab | undefined;
  let charon: Charon | undefined;
  let ours: ChildProcess | undefined;
  let out = "";
  let err = "";
  const work = mkdtempSync(join(tmpdir(), "ipsec-course-controller-"));
  const lines = (): Line[] => out.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Line);
  const events = (name: string) => lines().filter((l) => l.event === name);
  const context = () => `\nours:\n${lines().filter((l) => l.event !== "status").map((l) => JSON.stringify(l)).join("\n")}\n${err}\ncharon:\n${charon?.log().split("\n").filter((l) => /\[(IKE|CHD)\]/.test(l)).slice(-40).join("\n")}`;

  beforeAll(async () => {
    lab = createLab("ipscc3");
    // charon (kernel-libipsec) installs a route for the CHILD SA from an address inside its local subnet.
    lab.exec(lab.r2, ["ip", "addr", "add", "10.2.0.1/24", "dev", "lo"]);
    charon = await startCharon(
      lab,
      lab.r2,
      join(work, "charon"),
      ikev1PskConfig({ name: "ctl", local: lab.r2, remote: lab.r1, proposal: "aes128-sha1-modp1024", psk: PSK, lifetime: 86400, localTs: "10.2.0.0/24", remoteTs: "10.1.0.0/24", dpdDelay: 2 }),
    );
    const config = join(work, "ours.json");
    writeFileSync(
      config,
      JSON.stringify({ local: lab.r1.address, remote: lab.r2.address, psk: PSK, localSubnet: "10.1.0.0/24", remoteSubnet: "10.2.0.0/24", lifetimes: { ike: 30, ipsec: 20 }, rekey: { margin: 6, rand: 2 }, dpd: { delay: 2, retry: 1, tries: 3 } }),
    );
    ours = lab.spawn(lab.r1, [join(COURSE_ROOT, "node_modules/.bin/tsx"), "--tsconfig", join(COURSE_ROOT, "tsconfig.json"), join(COURSE_ROOT, "grader/interop/controller-peer.ts"), config]);
    ours.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    ours.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  }, 60_000);

  afterAll(async () => {
    if (ours) await stopProcess(ours);
    await charon?.stop();
    lab?.destroy();
    if (process.env.IPSEC_COURSE_KEEP !== "1") rmSync(work, { recursive: true, force: true });
  });

  test("a CHILD SA of 20 s is replaced by a new quick mode before it expires; charon holds the new one; DPD questions are answered", async () => {
    await waitFor(() => events("childDown").length > 0 || ours!.exitCode !== null, "the first CHILD SA to expire after its successor is up", 60_000).catch(() => {});
    const up = events("childUp");
    const down = events("childDown");
    expect(up.length, `two CHILD SAs${context()}`).toBeGreaterThanOrEqual(2);
    expect(down[0], `the first one expired${context()}`).toMatchObject({ spiIn: up[0]!.spiIn, why: "expired" });
    expect(up[1]!.at, "make-before-break: the new SA came before the old one went").toBeLessThan(down[0]!.at);
    expect(up[1]!.at, "rekeyed 20 - 6 - [0, 2] s after install").toBeGreaterThanOrEqual(up[0]!.at + 11.5);
    // charon lists its CHILD SAs with its own SPIs: its inbound is our outbound.
    const sas = charon!.swanctl(["--list-sas"]);
    expect(sas, `charon holds the new CHILD SA\n${sas}`).toMatch(new RegExp(`in\\s+c?${up[1]!.spiOut}.*out\\s+c?${up[1]!.spiIn}`, "s"));
    expect(events("drop"), "nothing was dropped").toEqual([]);
    expect(lines().some((l) => l.line?.includes("-> informational: DPD R-U-THERE")), `we asked R-U-THERE${context()}`).toBe(true);
    const log = charon!.log();
    expect(log, "charon accepted our R-U-THERE").toMatch(/parsed INFORMATIONAL_V1 request \d+ \[ HASH N\(DPD\) \]/);
    expect(log, "and answered it with an ACK").toMatch(/generating INFORMATIONAL_V1 request \d+ \[ HASH N\(DPD_ACK\) \]/);
    expect(log, "charon never declared us dead").not.toMatch(/DPD check timed out|giving up after/);
    const last = events("status").at(-1)!;
    expect(last.ike?.[0], "our questions are answered: none outstanding for long").toMatchObject({ state: "established" });
    expect(last.ike?.[0]?.dpd?.outstanding ?? 0).toBeLessThanOrEqual(1);
  }, 90_000);

  test("the IKE SA of 30 s is replaced by a new phase 1 before it expires; charon takes it over, the CHILD SAs carry on", async () => {
    const first = events("status").find((l) => l.ike?.[0]?.state === "established")!.ike![0]!.cookies;
    const replaced = () => events("status").at(-1)?.ike?.find((i) => i.cookies !== first && i.state === "established");
    await waitFor(() => replaced() !== undefined && !events("status").at(-1)!.ike!.some((i) => i.cookies === first), "a new IKE SA in place of the first", 30_000).catch(() => {});
    const now = replaced();
    expect(now, `a new IKE SA, the first one gone${context()}`).toBeDefined();
    expect(events("childDown").map((d) => d.why), "no CHILD SA went other than by expiry").not.toContain("deleted-by-peer");
    const [ckyI, ckyR] = now!.cookies.split("/");
    const sas = charon!.swanctl(["--list-sas"]);
    // charon lists the cookies as SPIs, its own marked with a star.
    expect(sas, `charon holds the new IKE SA\n${sas}`).toMatch(new RegExp(`${ckyI}_i\\*? ${ckyR}_r`));
    expect(sas, "and no other").not.toContain(`${first.split("/")[0]}_i`);
    const newest = events("childUp").at(-1)!;
    expect(sas, `and our newest CHILD SA\n${sas}`).toMatch(new RegExp(`in\\s+c?${newest.spiOut}.*out\\s+c?${newest.spiIn}`, "s"));
    expect(events("drop"), "nothing was dropped").toEqual([]);
  }, 40_000);

  test("charon killed: dead after at most 2 + 3 x 1 s of silence, its CHILD SAs removed as peer-dead", async () => {
    await charon!.stop("SIGKILL");
    const killed = lines().at(-1)?.at ?? 0;
    await waitFor(() => events("childDown").some((d) => d.why === "peer-dead"), "peer-dead", 20_000).catch(() => {});
    const dead = events("childDown").filter((d) => d.why === "peer-dead");
    expect(dead.length, `CHILD SAs removed as peer-dead${context()}`).toBeGreaterThan(0);
    expect(dead[0]!.at - killed, "within the DPD bound, plus a second of status granularity").toBeLessThanOrEqual(2 + 3 * 1 + 1.5);
    await waitFor(() => (events("status").at(-1)?.ike?.length ?? 1) === 0, "no IKE SA left", 5_000);
  }, 40_000);
});
