/**
 * Hidden tests for 08-aggressive-mode/psk-crack: lines ike-scan wrote when it
 * probed a real strongSwan responder (psk-crack recovered their PSKs), and
 * random exchanges whose HASH_R is computed here with node:crypto's HMAC.
 */
import { createHmac } from "node:crypto";
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, expectTrue, fromHexLoose, rng, type Rng } from "@teach";
import { crackPsk, parsePskCrackLine, type CrackInput } from "@impl/08-aggressive-mode/psk-crack.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import { encodeIdentification } from "@ref/03-payloads/identification.ts";
import { decodeMessage } from "@ref/03-payloads/message.ts";
import { encodeSa } from "@ref/03-payloads/sa.ts";
import { IKE_SCAN_LINES } from "./ike-scan-vectors.ts";
import { OURS_INITIATOR, STRONGSWAN_PSK } from "./strongswan-vectors.ts";

const DECOYS = ["cisco", "Cisco123", "password", "vpn", "ipsec", "secret", "letmein1", "cisco1234", "admin", "123456"];
const hexOf = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("step 1: reading ike-scan's line", () => {
  for (const v of IKE_SCAN_LINES) {
    test(v.label, () => {
      const c = parsePskCrackLine(v.line);
      const fields = v.line.split(":");
      const want: Record<keyof Omit<CrackInput, "hash">, string> = {
        gxr: fields[0]!, gxi: fields[1]!, ckyR: fields[2]!, ckyI: fields[3]!, saiB: fields[4]!, idirB: fields[5]!, niB: fields[6]!, nrB: fields[7]!, hashR: fields[8]!,
      };
      const order = ["gxr", "gxi", "ckyR", "ckyI", "saiB", "idirB", "niB", "nrB", "hashR"] as const;
      order.forEach((k, i) => {
        expectBytes(c[k], fromHexLoose(want[k]), { what: `parsePskCrackLine(...).${k}`, why: `field ${i + 1} of g_xr:g_xi:cky_r:cky_i:sai_b:idir_b:ni_b:nr_b:hash_r is ${k}: the order is psk-crack's, not the order of the packets.` });
      });
      expectEqual(hexOf(c.ckyR), v.ckyR, { what: "the responder cookie", why: "ike-scan printed HDR=(CKY-R=...) for this reply: the third field is the responder's cookie." });
      expectBytes(c.idirB, fromHexLoose("01 00 0000 c0a80c02"), { what: "idir_b", why: "the responder's ID payload body: ID_IPV4_ADDR (1), protocol 0, port 0, 192.168.12.2. It travelled in clear text." });
      expectEqual(c.hash, undefined, { what: "parsePskCrackLine(...).hash", why: "the line does not say which hash was negotiated; crackPsk decides from HASH_R's length." });
    });
  }
  test("whitespace and a line end around the line are ignored", () => {
    const v = IKE_SCAN_LINES[0]!;
    expectBytes(parsePskCrackLine(`  ${v.line}\r\n`).hashR, fromHexLoose(v.line.split(":")[8]!), { what: "hashR of a line read from a file with its CR LF" });
  });
});

describe("step 2: cracking what real tools captured", () => {
  for (const v of IKE_SCAN_LINES) {
    test(`${v.label}: the PSK is found, and only when it is in the wordlist`, () => {
      const c = parsePskCrackLine(v.line);
      const r = rng(`crack-${v.psk}`);
      const words = [...DECOYS];
      words.splice(r.int(0, words.length), 0, v.psk);
      expectEqual(crackPsk(c, words), v.psk, {
        what: `crackPsk(ike-scan's ${v.hash} line, [${words.join(", ")}])`,
        why: `psk-crack found "${v.psk}" in this line: SKEYID = prf(PSK, Ni_b | Nr_b), then HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b) must equal hash_r.`,
      });
      expectEqual(crackPsk(c, DECOYS), undefined, { what: `crackPsk(..., a wordlist without "${v.psk}")`, why: "no word matches, so there is nothing to return: undefined." });
      expectEqual(crackPsk({ ...c, hash: v.hash }, [v.psk]), v.psk, { what: `crackPsk({ ...input, hash: "${v.hash}" }, ["${v.psk}"])`, why: "an explicit hash that fits HASH_R's length is used as given." });
    });
  }
  test("an exchange captured on the wire: charon answering the course's initiator", () => {
    // An eavesdropper's view: messages 1 and 2 of a recorded exchange, payload bodies picked out as Wireshark shows them.
    const x = OURS_INITIATOR;
    const [m1, m2] = [decodeMessage(fromHexLoose(x.messages[0])), decodeMessage(fromHexLoose(x.messages[1]))];
    const data = (m: typeof m1, type: number) => (m.payloads.find((p) => p.type === type) as { data: Uint8Array }).data;
    const idir = m2.payloads.find((p) => p.type === PayloadType.IDENTIFICATION) as { id: Parameters<typeof encodeIdentification>[0] };
    const input: CrackInput = {
      gxr: data(m2, PayloadType.KEY_EXCHANGE),
      gxi: data(m1, PayloadType.KEY_EXCHANGE),
      ckyR: m2.responderSpi,
      ckyI: m1.initiatorSpi,
      saiB: encodeSa((m1.payloads.find((p) => p.type === PayloadType.SA) as { sa: Parameters<typeof encodeSa>[0] }).sa),
      idirB: encodeIdentification(idir.id),
      niB: data(m1, PayloadType.NONCE),
      nrB: data(m2, PayloadType.NONCE),
      hashR: data(m2, PayloadType.HASH),
    };
    expectEqual(crackPsk(input, [...DECOYS, STRONGSWAN_PSK]), STRONGSWAN_PSK, {
      what: "crackPsk(the cleartext of a captured aggressive mode exchange, a wordlist)",
      why: `charon's HASH_R in message 2 (${x.charon.hashR}) is all an eavesdropper needs with messages 1 and 2: the key was "${STRONGSWAN_PSK}".`,
    });
  });
  test("the search stops at the first match", () => {
    const v = IKE_SCAN_LINES[0]!;
    let read = 0;
    function* candidates(): Generator<string> {
      for (const w of DECOYS) {
        read++;
        yield w;
      }
      read++;
      yield v.psk;
      throw new Error("crackPsk read past the matching word");
    }
    let result: string | undefined;
    try {
      result = crackPsk(parsePskCrackLine(v.line), candidates());
    } catch (e) {
      if (e instanceof Error && e.name === "TodoError") throw e;
      expectTrue(false, `crackPsk kept reading the wordlist after "${v.psk}" matched (${(e as Error).message}).`, "real wordlists have millions of entries and brute force never ends: return as soon as HASH_R matches.");
    }
    expectEqual(result, v.psk, { what: "crackPsk(..., a generator)" });
    expectEqual(read, DECOYS.length + 1, { what: "words read from the generator" });
  });
});

interface Exchange {
  readonly line: string;
  readonly input: CrackInput;
  readonly psk: string;
  readonly words: string[];
}

/** A random exchange: values from the random stream, HASH_R from node:crypto. */
function randomExchange(r: Rng, hash: "md5" | "sha1" | "sha256"): Exchange {
  const ke = r.pick([96, 128, 192, 256]);
  const gxr = r.bytes(ke);
  const gxi = r.bytes(ke);
  const ckyR = r.bytes(8);
  const ckyI = r.bytes(8);
  const saiB = r.bytes(r.int(40, 120));
  const idirB = Uint8Array.of(1, r.pick([0, 17]), 0, r.pick([0, 0xf4]), ...r.bytes(4));
  const niB = r.bytes(r.int(8, 64));
  const nrB = r.bytes(r.int(8, 64));
  const words = Array.from({ length: r.int(20, 60) }, () => Array.from({ length: r.int(1, 12) }, () => String.fromCharCode(r.int(0x21, 0x7e))).join(""));
  const psk = r.pick(words);
  const skeyid = createHmac(hash, psk).update(Buffer.concat([niB, nrB])).digest();
  const hashR = new Uint8Array(createHmac(hash, skeyid).update(Buffer.concat([gxr, gxi, ckyR, ckyI, saiB, idirB])).digest());
  const input: CrackInput = { gxr, gxi, ckyR, ckyI, saiB, idirB, niB, nrB, hashR };
  const line = [gxr, gxi, ckyR, ckyI, saiB, idirB, niB, nrB, hashR].map(hexOf).join(":");
  return { line, input, psk, words };
}

describe("step 3: random exchanges", () => {
  test("MD5 and SHA-1 chosen by HASH_R's length, read from the line", () => {
    const r = rng("psk-crack-random");
    for (let i = 0; i < 6; i++) {
      const hash = i % 2 === 0 ? "md5" : "sha1";
      const x = randomExchange(r, hash);
      const found = crackPsk(parsePskCrackLine(x.line), x.words);
      // Two random words may share a HASH_R only if they are equal strings.
      expectEqual(found, x.psk, { what: `crackPsk(a random ${hash} exchange, ${x.words.length} words)`, why: `HASH_R is ${x.input.hashR.length} octets, so the hash is ${hash}; exactly one word makes it.` });
    }
  });
  test("an explicit hash (SHA2-256) when the length alone would not tell", () => {
    const r = rng("psk-crack-sha256");
    const x = randomExchange(r, "sha256");
    expectEqual(crackPsk({ ...x.input, hash: "sha256" }, x.words), x.psk, { what: "crackPsk({ ...input, hash: \"sha256\" }, words)", why: "strongSwan and newer routers negotiate SHA2-256 for phase 1: the same attack works with prf = HMAC-SHA-256." });
    expectThrows(() => crackPsk(x.input, x.words), { what: "crackPsk(a 32-octet HASH_R with no hash given)", error: "FieldError", field: "Hash DATA", why: "psk-crack's length rule knows 16 (MD5) and 20 (SHA-1) only; guessing would silently try the wrong prf." });
    expectThrows(() => crackPsk({ ...x.input, hash: "sha1" }, x.words), { what: "crackPsk({ ...a 32-octet HASH_R, hash: \"sha1\" })", error: "FieldError", field: "Hash DATA", why: "SHA-1 output is 20 octets, so this HASH_R cannot be SHA-1." });
  });
  test("a word of non-ASCII characters is hashed as UTF-8", () => {
    const r = rng("psk-crack-utf8");
    const x = randomExchange(r, "sha1");
    const psk = "Grüße-€";
    const skeyid = createHmac("sha1", Buffer.from(psk, "utf8")).update(Buffer.concat([x.input.niB, x.input.nrB])).digest();
    const hashR = new Uint8Array(createHmac("sha1", skeyid).update(Buffer.concat([x.input.gxr, x.input.gxi, x.input.ckyR, x.input.ckyI, x.input.saiB, x.input.idirB])).digest());
    expectEqual(crackPsk({ ...x.input, hashR }, ["Grusse-E", psk]), psk, { what: `crackPsk(..., ["Grusse-E", "${psk}"])`, why: "a router stores the key as the octets typed, UTF-8 here: TextEncoder gives them." });
  });
});

describe("step 4: lines that are not psk-crack lines", () => {
  const good = IKE_SCAN_LINES[0]!.line.split(":");
  const with_ = (i: number, v: string) => good.map((f, j) => (j === i ? v : f)).join(":");
  test("wrong number of fields", () => {
    expectThrows(() => parsePskCrackLine(good.slice(0, 8).join(":")), { what: "parsePskCrackLine(8 fields)", error: "TextFormatError", field: "psk-crack line", why: "without hash_r there is nothing to compare guesses with." });
    expectThrows(() => parsePskCrackLine(`${good.join(":")}:00`), { what: "parsePskCrackLine(10 fields)", error: "TextFormatError", field: "psk-crack line" });
  });
  test("a field that is not hex, is empty, or has an odd number of digits", () => {
    expectThrows(() => parsePskCrackLine(with_(2, "7efb5082f4611e4g")), { what: "parsePskCrackLine(cky_r with a 'g')", error: "TextFormatError", field: "cky_r" });
    expectThrows(() => parsePskCrackLine(with_(5, "")), { what: "parsePskCrackLine(an empty idir_b)", error: "TextFormatError", field: "idir_b" });
    expectThrows(() => parsePskCrackLine(with_(8, good[8]!.slice(1))), { what: "parsePskCrackLine(hash_r with 39 digits)", error: "TextFormatError", field: "hash_r" });
  });
  test("cookies and public values of impossible lengths", () => {
    expectThrows(() => parsePskCrackLine(with_(2, "7efb5082f4611e")), { what: "parsePskCrackLine(a 7-octet cky_r)", error: "FieldError", field: "Responder SPI", why: "ISAKMP cookies are 8 octets (RFC 2408 section 3.1)." });
    expectThrows(() => parsePskCrackLine(with_(3, "6994da765cf17b0a00")), { what: "parsePskCrackLine(a 9-octet cky_i)", error: "FieldError", field: "Initiator SPI" });
    expectThrows(() => parsePskCrackLine(with_(1, good[1]!.slice(2))), { what: "parsePskCrackLine(g_xi one octet shorter than g_xr)", error: "FieldError", field: "Key Exchange Data", why: "both public values are fixed-length numbers of one group (RFC 2409 section 5)." });
  });
  test("a HASH_R of a length psk-crack cannot place", () => {
    const c = parsePskCrackLine(with_(8, "00".repeat(18)));
    expectThrows(() => crackPsk(c, ["cisco123"]), { what: "crackPsk(an 18-octet HASH_R)", error: "FieldError", field: "Hash DATA" });
  });
});
