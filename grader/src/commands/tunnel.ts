/**
 * `ipsec-course tunnel up|down|status`: the capstone's daemon and how to
 * reach it.
 *
 *   up --config FILE [--impl ...] [--initiate] [--log-level L] [--keys-dir DIR]
 *      [--state-dir DIR] [--background]
 *   down [--state-dir DIR] [--name TUN]
 *   status [--state-dir DIR] [--name TUN] [--json]
 *
 * `up` runs in the foreground (log on stderr) until SIGINT/SIGTERM, `tunnel
 * down` or the idle timeout; with --background it starts itself again as a
 * detached process logging to `<state>/<tun>.log`, waits until that one's
 * control socket answers, and returns.
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { implLoader } from "../impl-loader.ts";
import { ENGINE_EXERCISES } from "../ike/modules.ts";
import { EXERCISES_DIR, SOLUTIONS_DIR } from "../paths.ts";
import { readTunnelConfig, stateDir } from "../tunnel/config.ts";
import { ControlError, controlRequest, logPath, pickTunnel, readPid, socketPath } from "../tunnel/control.ts";
import { GATEWAY_EXERCISE } from "../tunnel/dataplane.ts";
import { TunnelLog, type LogLevel } from "../tunnel/log.ts";
import { statusText, type TunnelStatus } from "../tunnel/status.ts";
import { tunUnavailable } from "../tunnel/tun.ts";
import { unfinishedExercises, unfinishedText } from "../tunnel/unfinished.ts";

export interface Output {
  write(text: string): unknown;
}

export interface TunnelUpRequest {
  readonly configFile: string;
  readonly implDir: string;
  readonly initiate: boolean;
  readonly logLevel?: LogLevel;
  readonly keysDir?: string;
  readonly stateDir?: string;
  readonly background: boolean;
  /** The command line, to start the background process with the same arguments. */
  readonly argv: readonly string[];
}

/** What the tunnel loads from the implementation besides the IKE engine: the chapter 16 gateway (it imports chapters 09-15). */
const TUNNEL_ENTRIES = [...ENGINE_EXERCISES, GATEWAY_EXERCISE].map((e) => `${e}.ts`);

/** What the tunnel still needs from an implementation, in words for the learner; undefined when nothing. */
export function tunnelUnfinished(implDir: string): string | undefined {
  return unfinishedText("ipsec-course tunnel", unfinishedExercises(implDir, TUNNEL_ENTRIES));
}

const implName = (dir: string) => (dir === EXERCISES_DIR ? "exercises" : dir === SOLUTIONS_DIR ? "solutions" : dir);

export async function tunnelUp(req: TunnelUpRequest, out: Output, err: Output): Promise<number> {
  const config = readTunnelConfig(req.configFile);
  const state = stateDir(req.stateDir);
  const unfinished = tunnelUnfinished(req.implDir);
  if (unfinished) {
    err.write(`${unfinished}\n`);
    return 1;
  }
  const missing = tunUnavailable();
  if (missing) {
    err.write(`ipsec-course tunnel: ${missing}\n`);
    return 1;
  }
  if (req.background) return background(req, state, config.tunnel.tun, out, err);

  // Loaded here, not at the top: the daemon pulls in the IKE engine, which no other command needs.
  const { TunnelDaemon } = await import("../tunnel/daemon.ts");
  const log = new TunnelLog(req.logLevel ?? config.tunnel.logLevel, err);
  const daemon = new TunnelDaemon({
    config,
    loader: implLoader(req.implDir),
    implName: implName(req.implDir),
    stateDir: state,
    log,
    ...(req.keysDir ? { keysDir: req.keysDir } : {}),
  });
  try {
    await daemon.start(req.initiate || config.tunnel.initiate);
  } catch (e) {
    log.error("tunnel", (e as Error).message);
    return 1;
  }
  const onSignal = (signal: NodeJS.Signals) => void daemon.stop(signal);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    await daemon.ended;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  return 0;
}

/** Starts `tunnel up` again without --background, detached, its output in `<state>/<tun>.log`; returns once its socket answers. */
async function background(req: TunnelUpRequest, state: string, tun: string, out: Output, err: Output): Promise<number> {
  mkdirSync(state, { recursive: true });
  const sock = socketPath(state, tun);
  const answers = () => controlRequest(sock, "status", 1000).then(() => true, () => false);
  if (await answers()) {
    err.write(`ipsec-course tunnel: a tunnel daemon for ${tun} is already running (${sock}); ipsec-course tunnel down --name ${tun} stops it\n`);
    return 1;
  }
  const log = logPath(state, tun);
  const fd = openSync(log, "a");
  const args = req.argv.filter((a) => a !== "--background");
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...args], {
    detached: true,
    stdio: ["ignore", fd, fd],
    env: { ...process.env, IPSEC_COURSE_STATE: state },
  });
  closeSync(fd);
  let exit: number | null = null;
  child.once("exit", (code) => (exit = code ?? 1));
  child.unref();
  const end = Date.now() + 20_000;
  while (Date.now() < end && exit === null) {
    if (existsSync(sock) && (await answers())) {
      out.write(`tunnel ${tun} running in the background (pid ${child.pid}); log: ${log}\n`);
      return 0;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (exit === null) child.kill("SIGTERM");
  const tail = existsSync(log) ? readFileSync(log, "utf8").split("\n").slice(-15).join("\n") : "";
  err.write(`ipsec-course tunnel: the background daemon ${exit === null ? "did not answer within 20 s" : `exited (${exit})`}; its log (${log}):\n${tail}\n`);
  return 1;
}

export async function tunnelStatus(state: string | undefined, name: string | undefined, json: boolean, out: Output, err: Output): Promise<number> {
  const dir = stateDir(state);
  try {
    const tun = pickTunnel(dir, name);
    const s = (await controlRequest(socketPath(dir, tun), "status")) as TunnelStatus;
    out.write((json ? JSON.stringify(s, null, 2) : statusText(s)) + "\n");
    return 0;
  } catch (e) {
    if (!(e instanceof ControlError)) throw e;
    err.write(`ipsec-course tunnel status: ${e.message}\n`);
    return 1;
  }
}

/** Asks the daemon to stop (it sends its Deletes first) and waits until its PID is gone. */
export async function tunnelDown(state: string | undefined, name: string | undefined, out: Output, err: Output): Promise<number> {
  const dir = stateDir(state);
  try {
    const tun = pickTunnel(dir, name);
    const pid = readPid(dir, tun);
    await controlRequest(socketPath(dir, tun), "down");
    const end = Date.now() + 10_000;
    while (existsSync(socketPath(dir, tun)) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    out.write(`tunnel ${tun}${pid ? ` (pid ${pid})` : ""} stopped\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof ControlError)) throw e;
    err.write(`ipsec-course tunnel down: ${e.message}\n`);
    return 1;
  }
}
