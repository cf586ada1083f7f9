/**
 * A checksummed TCP transfer for the lab tests, one process per end, run
 * inside the namespaces with `ipsec-course lab exec`:
 *
 *   tcp-transfer.mjs listen <address> <port>
 *       accepts one connection, reads to the end, prints
 *       {"bytes": N, "sha256": "...", "ms": T} and exits;
 *   tcp-transfer.mjs send <from> <address> <port> <bytes>
 *       connects from <from>, sends <bytes> random octets, prints the same
 *       line for what it sent.
 *
 * The two lines must agree: every octet crossed the tunnel, in order.
 * "listening" is printed once the listener is ready. Plain JavaScript, so
 * each end starts in a fraction of the time a TypeScript loader takes.
 */
import { createHash, randomBytes } from "node:crypto";
import { createConnection, createServer } from "node:net";

const [mode, ...args] = process.argv.slice(2);

/** One JSON line: what went through, its SHA-256, and how long it took. */
function report(bytes, hash, started) {
  process.stdout.write(JSON.stringify({ bytes, sha256: hash.digest("hex"), ms: performance.now() - started }) + "\n");
}

if (mode === "listen") {
  const [address, port] = args;
  const server = createServer((conn) => {
    const hash = createHash("sha256");
    let bytes = 0;
    const started = performance.now();
    conn.on("data", (d) => {
      hash.update(d);
      bytes += d.length;
    });
    conn.on("end", () => {
      report(bytes, hash, started);
      conn.end();
      server.close();
    });
  });
  server.listen(Number(port), address, () => process.stdout.write("listening\n"));
} else if (mode === "send") {
  const [from, address, port, count] = args;
  const data = randomBytes(Number(count));
  const hash = createHash("sha256").update(data);
  const started = performance.now();
  const conn = createConnection({ host: address, port: Number(port), localAddress: from }, () => conn.end(data));
  conn.on("close", (hadError) => {
    if (!hadError) report(data.length, hash, started);
  });
  conn.on("error", (e) => {
    process.stderr.write(`tcp-transfer: ${e.message}\n`);
    process.exitCode = 1;
  });
} else {
  process.stderr.write("tcp-transfer.mjs listen <address> <port> | send <from> <address> <port> <bytes>\n");
  process.exitCode = 2;
}
