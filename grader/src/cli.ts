/**
 * The `ipsec-course` command. Each subcommand is a small module under
 * commands/; this file only parses arguments and dispatches.
 */
import { parseArgs } from "node:util";
import { buildSite } from "./commands/lessons.ts";
import { hintText } from "./commands/hint.ts";
import { runIke } from "./commands/ike.ts";
import { labDownCommand, labExecCommand, labRestartCommand, labStatusCommand, labUpCommand } from "./commands/lab.ts";
import { tunnelDown, tunnelStatus, tunnelUp } from "./commands/tunnel.ts";
import { DEFAULT_LAB, LabError } from "./lab/lab.ts";
import { LOG_LEVELS, type LogLevel } from "./tunnel/log.ts";
import { ConfigError } from "./ike/config.ts";
import { gradeCommand, mergeCommand } from "./commands/grade.ts";
import { KeysInputError, computeKeys, keysText } from "./commands/keys.ts";
import { listText } from "./commands/list.ts";
import { CrackInputError, crackFile, crackText } from "./commands/psk-crack.ts";
import { ScenarioError, scenarioList, writeScenario } from "./commands/pcap.ts";
import { resetExercise } from "./commands/reset.ts";
import { verifyExercises, verifyRow } from "./commands/verify.ts";
import { WatchSession } from "./commands/watch.ts";
import { loadCourse, parseChapterSelection, type Course, type Exercise } from "./manifest.ts";
import { EXERCISES_DIR, resolveImpl } from "./paths.ts";
import { snapshotPristine } from "./pristine.ts";
import { ProgressCache } from "./progress.ts";
import { DEFAULT_TIMEOUT_MS, Runner } from "./runner.ts";
import { verdictBlock } from "./ui/report.ts";
import { makeStyle } from "./ui/term.ts";

const HELP = `ipsec-course: IPsec from Scratch

  watch [--poll] [--timeout S]      the exercise loop (npm start): re-runs tests on save
  list [--chapter N]                exercises in order with their status
  hint <id> [--level K]             tiered hints for an exercise
  run <id> [--impl DIR]             one exercise's hidden tests; exit code 0 on pass
  verify [--impl exercises|solutions|DIR] [--chapter N] [--json] [--seed N]
                                    every exercise; a table, or a JSON report
  reset <id> [--yes]                restore an exercise's original stub
  lessons [--out DIR]               render the lessons to a static site (default: site/)
  pcap <scenario> [--impl DIR] -o FILE [--keys-dir DIR] [--psk TEXT] [--as-seed]
                                    write a scenario's packets as a capture for Wireshark
                                    (IKE scenarios: --psk, default "cisco"; --as-seed: the seed's sizes)
  ike initiate|respond --config FILE [--impl DIR] [--show-keys] [--json] [--timeout S] [--hold S] [--verbose]
                                    an IKEv1 peer on UDP 500/4500: phase 1, then quick mode;
                                    prints the SAs (README: "The IKE peer" documents FILE)
  tunnel up --config FILE [--impl DIR] [--initiate] [--log-level error|warn|info|debug]
            [--keys-dir DIR] [--state-dir DIR] [--background]
                                    the capstone: an IPsec tunnel over a TUN device, your
                                    code end to end (README: "The tunnel and the lab")
  tunnel down [--state-dir DIR] [--name TUN]
                                    stop it: Deletes to the peer, then the device goes
  tunnel status [--state-dir DIR] [--name TUN] [--json]
                                    IKE and IPsec SAs, SPIs, lifetimes, counters, drops
  lab up [--impl DIR] [--right ours|strongswan] [--mode main|aggressive] [--pfs] [--strong] [--lab NAME]
                                    two namespaces as the seed's routers (192.168.12.1/.2,
                                    LANs 10.1.0.1/24 and 10.2.0.1/24), a tunnel daemon in each
  lab down [--lab NAME]             stop the daemons, delete the namespaces (also after a failure)
  lab status [--lab NAME] [--json]  both sides' tunnel status
  lab restart left|right [--lab NAME]
                                    stop one daemon and start it again from its (edited)
                                    configuration file, lab-NAME/left.json or right.json
  lab exec left|right [--lab NAME] -- COMMAND...
                                    run a command on one router (ping, ipsec-course tunnel status)
  keys --psk TEXT --ni HEX --nr HEX --gxy HEX --cky-i HEX --cky-r HEX
       --hash md5|sha1|sha256|sha384|sha512 --cipher aes128|aes192|aes256|3des
       [--gxi HEX --gxr HEX] [--impl DIR] [--json]
                                    phase-1 keys (SKEYID..., encryption key, IV)
  psk-crack FILE --wordlist FILE [--hash md5|sha1|sha256|...] [--impl DIR] [--json]
                                    recover a PSK from ike-scan --aggressive --pskcrack lines
                                    with your chapter 08 psk-crack code

For instructors:
  grade <submission>... [--chapters 03-06] [--tests DIR] [--jobs N] [--timeout S]
        [--format json,junit,csv,md,gradescope,classroom] [--out DIR] [--shard i/n] [--seed N]
                                    grade many submissions (folders: clones or exercises/)
  merge <report.json>... [--format ...] [--out DIR]
                                    combine shard reports into one

  --impl    which code to test: exercises (yours, the default), solutions, or a folder
  --timeout seconds one exercise may take before it is stopped (default 10)
  IPSEC_COURSE_POLL=1 is the same as --poll (for WSL's /mnt drives, NFS, shared folders)
`;

class UsageError extends Error {}

/** Mistakes in what was asked for (bad --shard, unknown format, nothing to merge) are usage errors. */
function usage(e: unknown): never {
  const known = ["Error", "MergeError"];
  if (e instanceof Error && known.includes(e.name) && !(e as { code?: string }).code) throw new UsageError(e.message);
  throw e;
}

function exerciseArg(course: Course, id: string | undefined): Exercise {
  if (!id) throw new UsageError("name an exercise, e.g. 01-bytes/hex (ipsec-course list shows them all)");
  const ex = course.byId(id) ?? course.exercises.find((e) => e.id.endsWith(`/${id}`));
  if (!ex) throw new UsageError(`no exercise "${id}"; ipsec-course list shows them all`);
  return ex;
}

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} takes a whole number, not "${value}"`);
  return n;
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      impl: { type: "string" },
      chapter: { type: "string" },
      level: { type: "string" },
      json: { type: "boolean" },
      yes: { type: "boolean" },
      poll: { type: "boolean" },
      timeout: { type: "string" },
      seed: { type: "string" },
      out: { type: "string", short: "o" },
      "keys-dir": { type: "string" },
      chapters: { type: "string" },
      tests: { type: "string" },
      jobs: { type: "string" },
      format: { type: "string" },
      shard: { type: "string" },
      psk: { type: "string" },
      ni: { type: "string" },
      nr: { type: "string" },
      gxy: { type: "string" },
      "cky-i": { type: "string" },
      "cky-r": { type: "string" },
      hash: { type: "string" },
      cipher: { type: "string" },
      gxi: { type: "string" },
      gxr: { type: "string" },
      config: { type: "string" },
      wordlist: { type: "string" },
      "show-keys": { type: "boolean" },
      "as-seed": { type: "boolean" },
      hold: { type: "string" },
      initiate: { type: "boolean" },
      "log-level": { type: "string" },
      "state-dir": { type: "string" },
      background: { type: "boolean" },
      name: { type: "string" },
      right: { type: "string" },
      mode: { type: "string" },
      pfs: { type: "boolean" },
      strong: { type: "boolean" },
      lab: { type: "string" },
      verbose: { type: "boolean", short: "v" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command = "watch", arg, ...rest] = positionals;
  const style = makeStyle();
  const course = loadCourse();
  const timeoutS = intOption(values.timeout, "timeout");
  const timeoutMs = timeoutS === undefined ? undefined : Math.max(1, timeoutS) * 1000;
  const chapterText = values.chapters ?? values.chapter;
  const chapters = chapterText ? parseChapterSelection(chapterText) : undefined;
  if (values.help || command === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  switch (command) {
    case "watch": {
      snapshotPristine();
      const session = new WatchSession({
        implDir: resolveImpl(values.impl),
        poll: Boolean(values.poll) || process.env.IPSEC_COURSE_POLL === "1",
        timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS,
        style,
        input: process.stdin,
        output: process.stdout,
        ...(arg ? { startAt: exerciseArg(course, arg).id } : {}),
      });
      process.on("SIGINT", () => void session.close());
      process.on("SIGTERM", () => void session.close());
      await session.run();
      return 0;
    }
    case "list":
      process.stdout.write(listText(style, chapters) + "\n");
      return 0;
    case "hint":
      process.stdout.write(hintText(exerciseArg(course, arg), intOption(values.level, "level") ?? 1) + "\n");
      return 0;
    case "run": {
      const ex = exerciseArg(course, arg);
      const implDir = resolveImpl(values.impl);
      const runner = new Runner({ implDir, ...(timeoutMs ? { timeoutMs } : {}), ...(values.seed ? { seed: intOption(values.seed, "seed")! } : {}) });
      try {
        const r = await runner.run(ex);
        if (implDir === EXERCISES_DIR) new ProgressCache(course, implDir).record(ex, r);
        process.stdout.write(values.json ? JSON.stringify(r, null, 2) + "\n" : verdictBlock(ex, r, style) + "\n");
        return r.status === "pass" ? 0 : 1;
      } finally {
        runner.close();
      }
    }
    case "verify": {
      const implDir = resolveImpl(values.impl);
      const selected = course.exercises.filter((e) => !chapters || chapters.has(Number(e.chapter.slice(0, 2))));
      if (selected.length === 0) throw new UsageError("no exercises in that chapter selection");
      const seed = intOption(values.seed, "seed");
      const report = await verifyExercises(course, selected, {
        implDir,
        ...(timeoutMs ? { timeoutMs } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(values.json ? {} : { onResult: (r) => process.stdout.write(verifyRow(r, style) + "\n") }),
      });
      if (values.json) process.stdout.write(JSON.stringify(report, null, 2) + "\n");
      else process.stdout.write(`\n${report.summary.passed} passed, ${report.summary.total - report.summary.passed} failed (of ${report.summary.total}; implementation: ${implDir})\n`);
      return report.summary.passed === report.summary.total ? 0 : 1;
    }
    case "reset":
      return resetExercise(exerciseArg(course, arg), Boolean(values.yes), process.stdin, process.stdout);
    case "lessons": {
      const files = buildSite(course, values.out ?? "site");
      process.stdout.write(`Wrote ${files.length} pages; open ${files[files.length - 1]} in a browser.\n`);
      return 0;
    }
    case "grade": {
      const selected = course.exercises.filter((e) => !chapters || chapters.has(Number(e.chapter.slice(0, 2))));
      if (selected.length === 0) throw new UsageError("no exercises in that chapter selection");
      const seed = intOption(values.seed, "seed");
      const jobs = intOption(values.jobs, "jobs");
      return await gradeCommand(course, {
        paths: arg ? [arg, ...rest] : [],
        exercises: selected,
        ...(values.tests ? { tests: values.tests } : {}),
        ...(jobs ? { jobs } : {}),
        ...(timeoutMs ? { timeoutMs } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(values.format ? { format: values.format } : {}),
        ...(values.out ? { out: values.out } : {}),
        ...(values.shard ? { shard: values.shard } : {}),
      }, (s) => process.stderr.write(s)).catch(usage);
    }
    case "merge":
      try {
        return mergeCommand(arg ? [arg, ...rest] : [], values.format, values.out, (s) => process.stderr.write(s));
      } catch (e) {
        return usage(e);
      }
    case "pcap": {
      if (!arg) throw new UsageError(`name a scenario:\n${scenarioList()}`);
      if (!values.out) throw new UsageError("pcap needs -o FILE, e.g. -o main-mode.pcap");
      try {
        const r = await writeScenario({
          scenario: arg,
          implDir: resolveImpl(values.impl),
          out: values.out,
          ...(values["keys-dir"] ? { keysDir: values["keys-dir"] } : {}),
          options: { ...(values.psk !== undefined ? { psk: values.psk } : {}), ...(values["as-seed"] ? { asSeed: true } : {}) },
        });
        process.stdout.write(`Wrote ${r.packets} packets: ${r.files.join(", ")}\n`);
        return 0;
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        process.stderr.write(`ipsec-course pcap: ${e.message}\n`);
        return 1;
      }
    }
    case "keys": {
      const required = ["psk", "ni", "nr", "gxy", "cky-i", "cky-r", "hash", "cipher"] as const;
      const missing = required.filter((k) => values[k] === undefined);
      if (missing.length > 0) throw new UsageError(`keys needs ${missing.map((k) => `--${k}`).join(", ")}`);
      try {
        const r = await computeKeys({
          implDir: resolveImpl(values.impl),
          psk: values.psk!,
          ni: values.ni!,
          nr: values.nr!,
          gxy: values.gxy!,
          ckyI: values["cky-i"]!,
          ckyR: values["cky-r"]!,
          hash: values.hash!,
          cipher: values.cipher!,
          ...(values.gxi !== undefined ? { gxi: values.gxi } : {}),
          ...(values.gxr !== undefined ? { gxr: values.gxr } : {}),
        });
        process.stdout.write((values.json ? JSON.stringify(r, null, 2) : keysText(r)) + "\n");
        return 0;
      } catch (e) {
        if (e instanceof KeysInputError) throw new UsageError(e.message);
        process.stderr.write(`ipsec-course keys: ${(e as Error).message}\nIt runs your chapter 06 code (skeyid, enc-key, iv): pass those exercises first, or try --impl solutions.\n`);
        return 1;
      }
    }
    case "psk-crack": {
      if (!arg || !values.wordlist) throw new UsageError("psk-crack needs the file ike-scan --pskcrack wrote and --wordlist FILE");
      try {
        const results = await crackFile({ implDir: resolveImpl(values.impl), lineFile: arg, wordlist: values.wordlist, ...(values.hash !== undefined ? { hash: values.hash } : {}) });
        process.stdout.write((values.json ? JSON.stringify(results, null, 2) : crackText(results)) + "\n");
        return results.every((r) => r.psk !== null) ? 0 : 1;
      } catch (e) {
        if (e instanceof CrackInputError) throw new UsageError(e.message);
        process.stderr.write(`ipsec-course psk-crack: ${(e as Error).message}\nIt runs your chapter 08 psk-crack exercise (and chapter 06's skeyid and auth-hash): pass those first, or try --impl solutions.\n`);
        return 1;
      }
    }
    case "ike": {
      if (arg !== "initiate" && arg !== "respond") throw new UsageError("ike initiate or ike respond?");
      if (!values.config) throw new UsageError("ike needs --config FILE (README: \"The IKE peer\")");
      try {
        return await runIke(
          {
            role: arg,
            configFile: values.config,
            implDir: resolveImpl(values.impl),
            timeoutS: timeoutS ?? 30,
            holdS: intOption(values.hold, "hold") ?? 0,
            json: Boolean(values.json),
            showKeys: Boolean(values["show-keys"]),
            verbose: Boolean(values.verbose),
          },
          process.stdout,
          process.stderr,
        );
      } catch (e) {
        if (e instanceof ConfigError) throw new UsageError(e.message);
        throw e;
      }
    }
    case "tunnel": {
      const io = [process.stdout, process.stderr] as const;
      try {
        if (arg === "up") {
          if (!values.config) throw new UsageError('tunnel up needs --config FILE (README: "The tunnel and the lab")');
          const level = values["log-level"];
          if (level !== undefined && !LOG_LEVELS.includes(level as LogLevel)) throw new UsageError(`--log-level is one of ${LOG_LEVELS.join(", ")}`);
          return await tunnelUp(
            {
              configFile: values.config,
              implDir: resolveImpl(values.impl),
              initiate: Boolean(values.initiate),
              background: Boolean(values.background),
              argv,
              ...(level ? { logLevel: level as LogLevel } : {}),
              ...(values["keys-dir"] ? { keysDir: values["keys-dir"] } : {}),
              ...(values["state-dir"] ? { stateDir: values["state-dir"] } : {}),
            },
            ...io,
          );
        }
        if (arg === "down") return await tunnelDown(values["state-dir"], values.name, ...io);
        if (arg === "status") return await tunnelStatus(values["state-dir"], values.name, Boolean(values.json), ...io);
      } catch (e) {
        if (e instanceof ConfigError) throw new UsageError(e.message);
        throw e;
      }
      throw new UsageError("tunnel up, tunnel down or tunnel status?");
    }
    case "lab": {
      const name = values.lab ?? DEFAULT_LAB;
      try {
        switch (arg) {
          case "up": {
            const right = values.right ?? "ours";
            const mode = values.mode ?? "main";
            if (right !== "ours" && right !== "strongswan") throw new UsageError("--right is ours or strongswan");
            if (mode !== "main" && mode !== "aggressive") throw new UsageError("--mode is main or aggressive");
            return await labUpCommand({ name, implDir: resolveImpl(values.impl), right, mode, pfs: Boolean(values.pfs), strong: Boolean(values.strong) }, process.stdout, process.stderr);
          }
          case "down":
            return await labDownCommand(name, process.stdout);
          case "status":
            return await labStatusCommand(name, Boolean(values.json), process.stdout, process.stderr);
          case "restart":
            return await labRestartCommand(name, rest[0], process.stdout);
          case "exec": {
            const dashes = argv.indexOf("--");
            return labExecCommand(name, rest[0], dashes < 0 ? [] : argv.slice(dashes + 1), process.stderr);
          }
          default:
            throw new UsageError("lab up, lab down, lab status, lab restart or lab exec?");
        }
      } catch (e) {
        if (e instanceof LabError) throw new UsageError(e.message);
        throw e;
      }
    }
    case "snapshot":
      snapshotPristine();
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

export async function cli(argv: string[]): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`ipsec-course: ${(e as Error).message}\n\n${HELP}`);
      process.exitCode = 2;
    } else {
      throw e;
    }
  }
}
