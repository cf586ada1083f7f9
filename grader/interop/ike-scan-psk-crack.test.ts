/**
 * The course's aggressive mode responder against the attacker's tools:
 * `ike-scan --aggressive --pskcrack` probes the reference solution (run as
 * `ipsec-course ike respond --impl solutions` in the namespace of
 * 192.168.12.2, by ike-cli.ts), and `psk-crack` must recover our pre-shared key from the
 * line ike-scan wrote; so must the course's own crackPsk. Two programs
 * nobody here wrote then agree that our message 2 carries the HASH_R of
 * RFC 2409 section 5.4, and the lesson of chapter 08 holds: one answer to an
 * unauthenticated probe is enough to test guesses offline.
 *
 * The key is drawn at random from a wordlist made for this run, so nothing
 * can pass by knowing it in advance. Once with SHA-1 (the seed's proposal),
 * once with MD5: psk-crack tells them apart by HASH_R's length.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { crackPsk, parsePskCrackLine } from "@ref/08-aggressive-mode/psk-crack.ts";
import { startPeer, writePeerConfig } from "./ike-cli.ts";
import { createLab, type Lab } from "./netns.ts";
import { interopSuite } from "./tools.ts";

interface Probe {
  readonly label: string;
  /** Our responder's phase 1 proposal, strongSwan's spelling (the config file's). */
  readonly phase1: string;
  /** The same transform for ike-scan: cipher/bits, hash, auth, group. */
  readonly trans: string;
  readonly hash: "sha1" | "md5";
}

const PROBES: readonly Probe[] = [
  { label: "the seed's proposal, AES-CBC-128 / SHA-1 / group 2", phase1: "aes128-sha1-modp1024", trans: "7/128,2,1,2", hash: "sha1" },
  { label: "AES-CBC-128 / MD5 / group 2", phase1: "aes128-md5-modp1024", trans: "7/128,1,1,2", hash: "md5" },
];

/** 2000 lowercase words of 6 to 12 letters, fresh for every run. */
function wordlist(): string[] {
  const bytes = randomBytes(2000 * 13);
  return Array.from({ length: 2000 }, (_, i) => {
    const len = 6 + (bytes[i * 13]! % 7);
    return Array.from({ length: len }, (_, j) => String.fromCharCode(0x61 + (bytes[i * 13 + 1 + j]! % 26))).join("");
  });
}

interopSuite("ike-scan and psk-crack recover the PSK of our aggressive mode responder", { tools: ["ip", "ike-scan", "psk-crack"], root: true }, () => {
  let lab: Lab | undefined;
  const work = mkdtempSync(join(tmpdir(), "ipsec-course-psk-crack-"));

  beforeAll(() => {
    lab = createLab("ipsc8");
  });

  afterAll(() => {
    lab?.destroy();
    if (process.env.IPSEC_COURSE_KEEP !== "1") rmSync(work, { recursive: true, force: true });
  });

  for (const [i, p] of PROBES.entries()) {
    describe(p.label, () => {
      const words = wordlist();
      const psk = words[Math.floor(words.length / 3) + i]!;
      const lineFile = join(work, `probe-${i}.txt`);
      const wordFile = join(work, `words-${i}.txt`);

      beforeAll(async () => {
        writeFileSync(wordFile, words.join("\n") + "\n");
        const config = writePeerConfig(work, `responder-${i}`, { local: lab!.r2.address, remote: lab!.r1.address, psk, mode: "aggressive", phase1: p.phase1, phase2: "aes128-sha1", localSubnet: "10.2.2.0/24", remoteSubnet: "10.1.1.0/24" });
        // Returned once it listens on UDP 500; ike-scan never sends message 3, so it is stopped afterwards.
        const responder = await startPeer(lab!, lab!.r2, "respond", config, 30);
        try {
          // ID_IPV4_ADDR (1) 192.168.12.1, as R1 would send; --lifetime before --trans, or it is not applied.
          lab!.exec(lab!.r1, ["ike-scan", "--aggressive", "--dhgroup=2", "--idtype=1", "--id=0xc0a80c01", "--lifetime=86400", `--trans=${p.trans}`, `--pskcrack=${lineFile}`, lab!.r2.address]);
        } finally {
          await responder.stop();
        }
      });

      test("ike-scan got an aggressive mode answer and wrote one psk-crack line", () => {
        const lines = readFileSync(lineFile, "utf8").trim().split("\n");
        expect(lines.length, "one line per answering host").toBe(1);
        const input = parsePskCrackLine(lines[0]!);
        expect(input.hashR.length, `HASH_R is a ${p.hash} output`).toBe(p.hash === "sha1" ? 20 : 16);
        // ID type, protocol, port, address: the config's default identity is our address (protocol and port as the seed's routers send them).
        expect(Buffer.from(input.idirB).toString("hex"), "our ID payload body: ID_IPV4_ADDR (1), UDP (17), port 500, 192.168.12.2").toBe("011101f4c0a80c02");
      });

      test("psk-crack finds our PSK in the wordlist", () => {
        const out = lab!.exec(lab!.r1, ["psk-crack", "-d", wordFile, lineFile]);
        expect(out, "psk-crack's verdict on the HASH_R our responder sent").toContain(`key "${psk}" matches ${p.hash.toUpperCase()} hash`);
      });

      test("crackPsk finds the same PSK in the same line", () => {
        const input = parsePskCrackLine(readFileSync(lineFile, "utf8"));
        expect(crackPsk(input, words), "the course's crackPsk on ike-scan's line").toBe(psk);
        expect(crackPsk(input, words.filter((w) => w !== psk)), "without the key in the wordlist").toBeUndefined();
      });
    });
  }
});
