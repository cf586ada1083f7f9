/**
 * `ipsec-course keys`: the phase-1 key calculator. Given what a capture shows
 * (nonces, cookies, public values) plus what it cannot show (the pre-shared
 * key and g^xy, from your own code or a daemon's log), it prints SKEYID,
 * SKEYID_d/a/e, the encryption key and the phase-1 IV, computed by the chosen
 * implementation's chapter 06 code (RFC 2409 section 5 and Appendix B).
 */
import { ikeCipher, ikeHash, type CipherName, type HashName } from "../../support/ike-algorithms.ts";
import { implLoader } from "../impl-loader.ts";
import { hex } from "../teach/hexdump.ts";

type SkeyidModule = typeof import("../../../solutions/06-phase1-keys/skeyid.ts");
type EncKeyModule = typeof import("../../../solutions/06-phase1-keys/enc-key.ts");
type IvModule = typeof import("../../../solutions/06-phase1-keys/iv.ts");

export interface KeysRequest {
  readonly implDir: string;
  readonly psk: string;
  readonly ni: string;
  readonly nr: string;
  readonly gxy: string;
  readonly ckyI: string;
  readonly ckyR: string;
  readonly hash: string;
  readonly cipher: string;
  readonly gxi?: string;
  readonly gxr?: string;
}

export interface KeysResult {
  readonly skeyid: string;
  readonly skeyid_d: string;
  readonly skeyid_a: string;
  readonly skeyid_e: string;
  readonly enc_key: string;
  /** null when --gxi/--gxr were not given. */
  readonly iv: string | null;
}

export class KeysInputError extends Error {}

function hexArg(name: string, text: string): Uint8Array {
  const clean = text.replace(/[\s:]/g, "");
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) throw new KeysInputError(`--${name} takes hex octets (spaces and colons allowed), not "${text.slice(0, 40)}"`);
  return Uint8Array.from(Buffer.from(clean, "hex"));
}

export async function computeKeys(req: KeysRequest): Promise<KeysResult> {
  let h: HashName;
  let cipher: CipherName;
  try {
    h = ikeHash(req.hash).name;
    cipher = ikeCipher(req.cipher).name;
  } catch (e) {
    throw new KeysInputError((e as Error).message);
  }
  if ((req.gxi === undefined) !== (req.gxr === undefined)) throw new KeysInputError("the IV needs both --gxi and --gxr");
  const load = implLoader(req.implDir).load;
  const [{ skeyidPsk, deriveKeys }, { encryptionKey }, { phase1Iv }] = await Promise.all([
    load<SkeyidModule>("06-phase1-keys/skeyid.ts"),
    load<EncKeyModule>("06-phase1-keys/enc-key.ts"),
    load<IvModule>("06-phase1-keys/iv.ts"),
  ]);
  const c = ikeCipher(cipher);
  const skeyid = skeyidPsk(h, new TextEncoder().encode(req.psk), hexArg("ni", req.ni), hexArg("nr", req.nr));
  const keys = deriveKeys(h, skeyid, hexArg("gxy", req.gxy), hexArg("cky-i", req.ckyI), hexArg("cky-r", req.ckyR));
  const iv = req.gxi !== undefined && req.gxr !== undefined ? phase1Iv(h, hexArg("gxi", req.gxi), hexArg("gxr", req.gxr), c.blockBytes) : null;
  return {
    skeyid: hex(skeyid),
    skeyid_d: hex(keys.skeyid_d),
    skeyid_a: hex(keys.skeyid_a),
    skeyid_e: hex(keys.skeyid_e),
    enc_key: hex(encryptionKey(h, keys.skeyid_e, c.keyBytes)),
    iv: iv ? hex(iv) : null,
  };
}

export function keysText(r: KeysResult): string {
  const rows: [string, string][] = [
    ["SKEYID", r.skeyid],
    ["SKEYID_d", r.skeyid_d],
    ["SKEYID_a", r.skeyid_a],
    ["SKEYID_e", r.skeyid_e],
    ["encryption key", r.enc_key],
    ["phase-1 IV", r.iv ?? "(give --gxi and --gxr)"],
  ];
  return rows.map(([k, v]) => `${k.padEnd(15)} ${v}`).join("\n");
}
