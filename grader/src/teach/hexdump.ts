/**
 * Side-by-side hex dumps with the differing bytes marked, so a learner sees
 * at a glance where their bytes leave the expected ones.
 */
export function hex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

/** A 32-bit value (an SPI, a Message ID) as 8 hex digits, the way Wireshark and strongSwan print it. */
export function hex32(n: number): string {
  return n.toString(16).padStart(8, "0");
}

function row(bytes: Uint8Array, start: number, width: number): string {
  const cells: string[] = [];
  for (let i = start; i < start + width; i++) cells.push(i < bytes.length ? bytes[i]!.toString(16).padStart(2, "0") : "  ");
  return cells.join(" ");
}

/**
 * Dumps `got` and `want` in rows of 16, with a `^^` line under every byte that
 * differs (or is missing). Only rows near a difference are shown, plus the
 * first and last row, so a long packet stays readable.
 */
export function diffDump(got: Uint8Array, want: Uint8Array, width = 16): string {
  const total = Math.max(got.length, want.length);
  const rows = Math.ceil(total / width) || 1;
  const differs = (i: number) => i >= got.length || i >= want.length || got[i] !== want[i];
  const rowHasDiff: boolean[] = [];
  for (let r = 0; r < rows; r++) {
    let d = false;
    for (let i = r * width; i < Math.min(total, (r + 1) * width); i++) if (differs(i)) d = true;
    rowHasDiff.push(d);
  }
  const keep = (r: number) => r === 0 || r === rows - 1 || rowHasDiff[r] || rowHasDiff[r - 1] || rowHasDiff[r + 1];
  const colWidth = width * 3 - 1;
  const lines = [`offset  ${"got".padEnd(colWidth)}   want`];
  let skipped = false;
  for (let r = 0; r < rows; r++) {
    if (!keep(r)) {
      if (!skipped) lines.push("   ...");
      skipped = true;
      continue;
    }
    skipped = false;
    const start = r * width;
    lines.push(`${start.toString(16).padStart(4, "0")}    ${row(got, start, width)}   ${row(want, start, width)}`.trimEnd());
    if (rowHasDiff[r]) {
      let marks = "";
      for (let i = start; i < start + width; i++) marks += (i < total && differs(i) ? "^^" : "  ") + " ";
      marks = marks.slice(0, colWidth);
      lines.push(`        ${marks}   ${marks}`.trimEnd());
    }
  }
  return lines.join("\n");
}
