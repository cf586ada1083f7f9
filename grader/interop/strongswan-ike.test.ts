/**
 * The course's IKE peer (the reference solution, run by `ipsec-course ike`)
 * against strongSwan, in both roles, over real UDP 500/4500 between two
 * namespaces (192.168.12.1 and .2, as in the seed). charon here runs with
 * kernel-libipsec, so it insists on NAT traversal: our side must send the
 * RFC 3947 vendor ID and NAT-D payloads, move to UDP 4500 with the non-ESP
 * marker, and offer UDP-encapsulated tunnel mode.
 *
 * A cell passes when charon logs the IKE SA established and the CHILD SA
 * installed, and the SPIs and ESP keys our peer reports are the ones charon
 * logged (level 4), each direction on the right side: what the initiator
 * sends with is charon's "initiator" key. The phase 1 encryption key is
 * compared too. A wrong pre-shared key must fail on both sides.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CHARON, charonDumps, ikev1PskConfig, startCharon, type Charon } from "./charon.ts";
import { startPeer, writePeerConfig, type PeerConfig, type PeerReport, type PeerRun } from "./ike-cli.ts";
import { createLab, type Lab, type Namespace } from "./netns.ts";
import { interopSuite } from "./tools.ts";

const PSK = "cisco123";
const NETS = { r1: "10.1.1.0/24", r2: "10.2.2.0/24" } as const;

interface Cell {
  readonly label: string;
  readonly mode: "main" | "aggressive";
  readonly phase1: string;
  readonly phase2: string;
  readonly pfsGroup?: string;
}

const CELLS: readonly Cell[] = [
  { label: "main mode + quick mode, the seed's proposal (aes128-sha1-modp1024, 86400 s)", mode: "main", phase1: "aes128-sha1-modp1024", phase2: "aes128-sha1" },
  { label: "aggressive mode + quick mode", mode: "aggressive", phase1: "aes128-sha1-modp1024", phase2: "aes128-sha1" },
  { label: "quick mode with PFS (group 2)", mode: "main", phase1: "aes128-sha1-modp1024", phase2: "aes128-sha1", pfsGroup: "modp1024" },
  { label: "AES-256, SHA2-256, group 14", mode: "main", phase1: "aes256-sha256-modp2048", phase2: "aes256-sha256" },
];

/** A short retransmission schedule, so a peer that will never answer is given up on in seconds. */
const QUICK_GIVE_UP = { initialMs: 500, factor: 1.5, maxMs: 1000, tries: 2 };

interface CellRun {
  readonly ours: PeerRun;
  readonly charonLog: string;
}

const hexOf = (b: Uint8Array) => Buffer.from(b).toString("hex");

function dump(log: string, label: string): string {
  const d = charonDumps(log).find((x) => x.label === label);
  if (!d) throw new Error(`charon's log has no "${label}" dump`);
  return hexOf(d.bytes);
}

interopSuite("strongSwan and the course's IKE peer (ipsec-course ike)", { tools: ["ip", "unshare", "swanctl", CHARON], root: true }, () => {
  let lab: Lab | undefined;
  const work = mkdtempSync(join(tmpdir(), "ipsec-course-ike-"));
  let n = 0;

  beforeAll(() => {
    lab = createLab("ipsc7");
    // A protected subnet address on each router, so charon's route into its tunnel has a source.
    lab.exec(lab.r1, ["ip", "addr", "add", "10.1.1.1/24", "dev", "lo"]);
    lab.exec(lab.r2, ["ip", "addr", "add", "10.2.2.1/24", "dev", "lo"]);
  });

  afterAll(() => {
    lab?.destroy();
    if (process.env.IPSEC_COURSE_KEEP !== "1") rmSync(work, { recursive: true, force: true });
  });

  function ourConfig(cell: Cell, me: Namespace, peer: Namespace, psk: string, extra: Partial<PeerConfig> = {}): PeerConfig {
    const net = (ns: Namespace) => (ns === lab!.r1 ? NETS.r1 : NETS.r2);
    return {
      local: me.address,
      remote: peer.address,
      psk,
      mode: cell.mode,
      phase1: cell.phase1,
      phase2: cell.phase2,
      localSubnet: net(me),
      remoteSubnet: net(peer),
      lifetimes: { ike: 86400, ipsec: 3600 },
      ...(cell.pfsGroup ? { pfsGroup: cell.pfsGroup } : {}),
      ...extra,
    };
  }

  async function charonIn(cell: Cell, me: Namespace, peer: Namespace, dir: string, psk: string, dpdDelay = 0): Promise<Charon> {
    const net = (ns: Namespace) => (ns === lab!.r1 ? NETS.r1 : NETS.r2);
    const conf = ikev1PskConfig({
      name: "ike",
      local: me,
      remote: peer,
      proposal: cell.phase1,
      psk,
      lifetime: 86400,
      localTs: net(me),
      remoteTs: net(peer),
      aggressive: cell.mode === "aggressive",
      espProposals: cell.pfsGroup ? `${cell.phase2}-${cell.pfsGroup}` : cell.phase2,
      dpdDelay,
    });
    return startCharon(lab!, me, dir, conf, { aggressivePsk: cell.mode === "aggressive" });
  }

  /** Our initiator in r1 against charon responding in r2. */
  async function weInitiate(cell: Cell, psks: { ours: string; charon: string }, extra: Partial<PeerConfig> = {}, dpd?: { delayS: number; holdS: number }): Promise<CellRun> {
    const dir = join(work, `cell-${n++}`);
    mkdirSync(dir, { recursive: true });
    const charon = await charonIn(cell, lab!.r2, lab!.r1, join(dir, "charon"), psks.charon, dpd?.delayS);
    try {
      const peer = await startPeer(lab!, lab!.r1, "initiate", writePeerConfig(dir, "ours", ourConfig(cell, lab!.r1, lab!.r2, psks.ours, extra)), 20, dpd?.holdS);
      const ours = await peer.finished;
      await new Promise((r) => setTimeout(r, 200));
      return { ours, charonLog: charon.log() };
    } finally {
      await charon.stop();
    }
  }

  /** charon initiating in r1 against our responder in r2. */
  async function charonInitiates(cell: Cell, psks: { ours: string; charon: string }, giveUpS = 10): Promise<CellRun> {
    const dir = join(work, `cell-${n++}`);
    mkdirSync(dir, { recursive: true });
    const peer = await startPeer(lab!, lab!.r2, "respond", writePeerConfig(dir, "ours", ourConfig(cell, lab!.r2, lab!.r1, psks.ours)));
    const charon = await charonIn(cell, lab!.r1, lab!.r2, join(dir, "charon"), psks.charon);
    try {
      try {
        charon.swanctl(["--initiate", "--child", "net", "--timeout", String(giveUpS)]);
      } catch {
        // A failed initiation is judged below, from both sides' accounts.
      }
      const ours = await Promise.race([peer.finished, new Promise<PeerRun>((r) => setTimeout(() => r({ code: null, stdout: "", stderr: "(still running)" }), 15_000))]);
      await peer.stop();
      return { ours, charonLog: charon.log() };
    } finally {
      await charon.stop();
      await peer.stop();
    }
  }

  function expectAgreement(run: CellRun, ourRole: "initiator" | "responder"): void {
    const { ours, charonLog } = run;
    const story = `\n--- our peer (exit ${ours.code}):\n${ours.stderr}\n--- charon: ${charonLog.split("\n").filter((l) => /\[IKE\]|\[CFG\]/.test(l) && !/=>|^\d\d\[IKE\]\s+\d+:/.test(l)).slice(-25).join("\n")}`;
    expect(ours.code, `our peer failed${story}`).toBe(0);
    expect(charonLog, `charon did not report the IKE SA established${story}`).toMatch(/IKE_SA ike\[\d+\] established between/);
    const installed = /CHILD_SA net\{\d+\} established with SPIs ([0-9a-f]{8})_i ([0-9a-f]{8})_o/.exec(charonLog);
    expect(installed, `charon did not install the CHILD SA${story}`).not.toBeNull();
    const report = ours.report as PeerReport;
    expect(report.children.length, "our peer reports one CHILD SA").toBe(1);
    const child = report.children[0]!;
    const [, charonIn, charonOut] = installed!;
    expect(child.outbound.spi, "the SPI we send with is the one charon receives with").toBe(charonIn);
    expect(child.inbound.spi, "the SPI we receive with is the one charon sends with").toBe(charonOut);
    expect(child.udpEncapsulation, "ESP in UDP 4500, as charon with kernel-libipsec requires").toBe(true);
    // charon's "initiator" keys protect what the quick mode initiator sends.
    const sentByInitiator = ourRole === "initiator" ? child.outbound : child.inbound;
    const sentByResponder = ourRole === "initiator" ? child.inbound : child.outbound;
    expect(sentByInitiator.encKey, "ESP encryption key, initiator to responder").toBe(dump(charonLog, "encryption initiator key"));
    expect(sentByInitiator.integKey, "ESP integrity key, initiator to responder").toBe(dump(charonLog, "integrity initiator key"));
    expect(sentByResponder.encKey, "ESP encryption key, responder to initiator").toBe(dump(charonLog, "encryption responder key"));
    expect(sentByResponder.integKey, "ESP integrity key, responder to initiator").toBe(dump(charonLog, "integrity responder key"));
    expect(report.ike.encKey, "the phase 1 encryption key").toBe(dump(charonLog, "encryption key Ka"));
    expect(report.ike.local.port, "IKE moved to UDP 4500 (RFC 3947 section 4)").toBe(4500);
  }

  for (const cell of CELLS) {
    describe(cell.label, () => {
      test("our initiator, charon responding", async () => {
        expectAgreement(await weInitiate(cell, { ours: PSK, charon: PSK }), "initiator");
      });
      test("charon initiating, our responder", async () => {
        expectAgreement(await charonInitiates(cell, { ours: PSK, charon: PSK }), "responder");
      });
    });
  }

  test("dead peer detection: charon's R-U-THERE is answered with R-U-THERE-ACK (RFC 3706); our Deletes on exit are accepted", async () => {
    const run = await weInitiate(CELLS[0]!, { ours: PSK, charon: PSK }, {}, { delayS: 1, holdS: 4 });
    expectAgreement(run, "initiator");
    expect(run.ours.stderr, "our peer saw the R-U-THERE").toMatch(/DPD R-U-THERE, answering R-U-THERE-ACK/);
    expect(run.charonLog, "charon sent R-U-THERE").toMatch(/generating INFORMATIONAL_V1 request \d+ \[ HASH N\(DPD\) \]/);
    expect(run.charonLog, "charon received and accepted our ACK").toMatch(/parsed INFORMATIONAL_V1 request \d+ \[ HASH N\(DPD_ACK\) \]/);
    expect(run.charonLog, "charon never declared us dead").not.toMatch(/DPD check timed out|giving up after/);
    // On exit our peer deletes what it negotiated (chapter 10's Delete payloads, protected).
    const deleted = /received DELETE for ESP CHILD_SA with SPI ([0-9a-f]{8})/.exec(run.charonLog);
    expect(deleted?.[1], "charon accepted our Delete of the CHILD SA, named by the SPI we receive with (RFC 2408 section 3.15)").toBe(run.ours.report!.children[0]!.inbound.spi);
    expect(run.charonLog, "charon accepted our Delete of the IKE SA").toMatch(/received DELETE for IKE_SA ike\[\d+\]/);
  });

  describe("a wrong pre-shared key fails on both sides", () => {
    const cell = CELLS[0]!;
    test("our initiator, charon responding", async () => {
      const { ours, charonLog } = await weInitiate(cell, { ours: PSK, charon: `${PSK}x` }, { retransmit: QUICK_GIVE_UP });
      expect(ours.code, `our initiator must fail:\n${ours.stderr}`).toBe(1);
      expect(ours.stderr).toMatch(/pre-shared keys differ\?/);
      expect(charonLog, "charon established nothing").not.toMatch(/IKE_SA ike\[\d+\] established/);
      expect(charonLog, "charon could not read our message 5").toMatch(/(decryption|parsing|verification) failed|invalid HASH|AUTHENTICATION_FAILED/i);
    });
    test("charon initiating, our responder", async () => {
      // charon ignores our unauthenticated AUTHENTICATION-FAILED notify (as
      // it should) and retransmits message 5 until swanctl stops waiting.
      const { ours, charonLog } = await charonInitiates(cell, { ours: `${PSK}x`, charon: PSK }, 3);
      expect(ours.code, `our responder must fail:\n${ours.stderr}`).toBe(1);
      expect(ours.stderr).toMatch(/pre-shared keys differ\?/);
      expect(charonLog, "charon established nothing").not.toMatch(/IKE_SA ike\[\d+\] established/);
      expect(charonLog, "charon got our notify and could not authenticate it").toMatch(/N\(AUTH_FAILED\)/);
    });
  });
});
