/**
 * How `tunnel status` and `tunnel down` talk to a running daemon: a unix
 * socket `<state>/<tun>.sock`, one JSON request line ({"cmd":"status"} or
 * {"cmd":"down"}), one JSON reply line, then the connection closes. The
 * daemon also keeps `<state>/<tun>.pid`. A socket file left by a daemon
 * that died is recognised (nothing answers) and replaced.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer, type Server } from "node:net";
import { join } from "node:path";

export type ControlCommand = "status" | "down";

export interface ControlHandlers {
  status(): unknown;
  /** Starts the shutdown; the reply is sent before the daemon exits. */
  down(): unknown;
}

export class ControlError extends Error {
  override readonly name = "ControlError";
}

export const socketPath = (state: string, tun: string) => join(state, `${tun}.sock`);
export const pidPath = (state: string, tun: string) => join(state, `${tun}.pid`);
export const logPath = (state: string, tun: string) => join(state, `${tun}.log`);

/** Sends one request and resolves with the daemon's reply. */
export function controlRequest(path: string, cmd: ControlCommand, timeoutMs = 5000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    let text = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ControlError(`no answer on ${path} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on("connect", () => socket.write(JSON.stringify({ cmd }) + "\n"));
    socket.on("data", (d) => (text += d.toString()));
    socket.on("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const why = e.code === "ENOENT" || e.code === "ECONNREFUSED" ? "no tunnel daemon is listening there" : e.message;
      reject(new ControlError(`${path}: ${why}`));
    });
    socket.on("close", () => {
      clearTimeout(timer);
      const line = text.split("\n")[0];
      if (!line) return reject(new ControlError(`${path}: the daemon closed the connection without an answer`));
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new ControlError(`${path}: the daemon's answer is not JSON: ${line.slice(0, 80)}`));
      }
    });
  });
}

/** Whether something answers on the socket (a live daemon). */
async function answers(path: string): Promise<boolean> {
  return controlRequest(path, "status", 1000).then(
    () => true,
    () => false,
  );
}

export interface ControlServer {
  close(): Promise<void>;
}

/**
 * Listens on `<state>/<tun>.sock` and writes `<state>/<tun>.pid`; refuses
 * when another daemon answers there. `close` removes both files.
 */
export async function serveControl(state: string, tun: string, handlers: ControlHandlers): Promise<ControlServer> {
  mkdirSync(state, { recursive: true });
  const path = socketPath(state, tun);
  if (existsSync(path)) {
    if (await answers(path)) throw new ControlError(`a tunnel daemon for ${tun} is already running (${path}); ipsec-course tunnel down --name ${tun} stops it`);
    rmSync(path, { force: true });
  }
  const server: Server = createServer((conn) => {
    let text = "";
    conn.on("data", (d) => {
      text += d.toString();
      const nl = text.indexOf("\n");
      if (nl < 0) return;
      let reply: unknown;
      try {
        const req = JSON.parse(text.slice(0, nl)) as { cmd?: unknown };
        if (req.cmd === "status") reply = handlers.status();
        else if (req.cmd === "down") reply = handlers.down();
        else reply = { error: `unknown command ${JSON.stringify(req.cmd)}; known: status, down` };
      } catch (e) {
        reply = { error: (e as Error).message };
      }
      conn.end(JSON.stringify(reply) + "\n");
    });
    conn.on("error", () => {});
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, () => {
      server.off("error", reject);
      resolve();
    });
  });
  writeFileSync(pidPath(state, tun), `${process.pid}\n`);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(path, { force: true });
        rmSync(pidPath(state, tun), { force: true });
      }),
  };
}

/** The daemon's PID from its PID file, if there is one. */
export function readPid(state: string, tun: string): number | undefined {
  try {
    const n = Number(readFileSync(pidPath(state, tun), "utf8").trim());
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/** `--name`, or the only daemon socket in the state folder. */
export function pickTunnel(state: string, name: string | undefined): string {
  if (name) return name;
  const socks = existsSync(state) ? readdirSync(state).filter((f) => f.endsWith(".sock")).map((f) => f.slice(0, -5)) : [];
  if (socks.length === 1) return socks[0]!;
  if (socks.length === 0) throw new ControlError(`no tunnel daemon in ${state} (no .sock file): is one running? (--state-dir, IPSEC_COURSE_STATE)`);
  throw new ControlError(`several tunnels in ${state} (${socks.join(", ")}): say which with --name`);
}
