/**
 * `ipsec-course psk-crack FILE --wordlist FILE [--hash NAME] [--impl DIR]`:
 * the offline dictionary attack of chapter 08 with the chosen
 * implementation's psk-crack exercise (`--impl exercises`, the default, runs
 * yours). FILE holds lines as `ike-scan --aggressive --pskcrack=FILE` writes
 * them; the wordlist is one candidate per line, as psk-crack -d reads it.
 */
import { readFileSync } from "node:fs";
import { ikeHash, type HashName } from "../../support/ike-algorithms.ts";
import { implLoader } from "../impl-loader.ts";

type PskCrackModule = typeof import("../../../solutions/08-aggressive-mode/psk-crack.ts");

export interface CrackRequest {
  readonly implDir: string;
  readonly lineFile: string;
  readonly wordlist: string;
  readonly hash?: string;
}

export interface CrackResult {
  /** 1-based line number in the ike-scan file. */
  readonly line: number;
  readonly psk: string | null;
  /** Candidates tried (all of them when none matched). */
  readonly tried: number;
  readonly seconds: number;
}

export class CrackInputError extends Error {}

function readLines(file: string, what: string): string[] {
  try {
    return readFileSync(file, "utf8").split("\n").map((l) => l.replace(/\r$/, ""));
  } catch (e) {
    throw new CrackInputError(`cannot read the ${what} ${file}: ${(e as Error).message}`);
  }
}

export async function crackFile(req: CrackRequest): Promise<CrackResult[]> {
  let hash: HashName | undefined;
  if (req.hash !== undefined) {
    try {
      hash = ikeHash(req.hash).name;
    } catch (e) {
      throw new CrackInputError((e as Error).message);
    }
  }
  const lines = readLines(req.lineFile, "ike-scan file");
  const words = readLines(req.wordlist, "wordlist").filter((w) => w.length > 0);
  const { parsePskCrackLine, crackPsk } = await implLoader(req.implDir).load<PskCrackModule>("08-aggressive-mode/psk-crack.ts");
  const results: CrackResult[] = [];
  for (const [i, text] of lines.entries()) {
    if (text.trim() === "") continue;
    const input = parsePskCrackLine(text);
    let tried = 0;
    const counted = (function* () {
      for (const w of words) {
        tried++;
        yield w;
      }
    })();
    const start = process.hrtime.bigint();
    const psk = crackPsk(hash ? { ...input, hash } : input, counted);
    results.push({ line: i + 1, psk: psk ?? null, tried, seconds: Number(process.hrtime.bigint() - start) / 1e9 });
  }
  if (results.length === 0) throw new CrackInputError(`${req.lineFile} holds no psk-crack line (g_xr:g_xi:cky_r:cky_i:sai_b:idir_b:ni_b:nr_b:hash_r)`);
  return results;
}

export function crackText(results: readonly CrackResult[]): string {
  return results
    .map((r) => {
      // A rate over a handful of guesses measures start-up, not hashing.
      const rate = r.tried >= 1000 && r.seconds > 0 ? `, ${Math.round(r.tried / r.seconds)} guesses/s` : "";
      return r.psk === null
        ? `line ${r.line}: no word matches (${r.tried} tried in ${r.seconds.toFixed(2)} s${rate})`
        : `line ${r.line}: key ${JSON.stringify(r.psk)} matches HASH_R (guess ${r.tried}, ${r.seconds.toFixed(2)} s${rate})`;
    })
    .join("\n");
}
