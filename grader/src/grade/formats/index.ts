/** Writes a GradeReport in the chosen formats under one folder. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { GradeReport } from "../model.ts";
import { classroom } from "./classroom.ts";
import { csv } from "./csv.ts";
import { gradescope } from "./gradescope.ts";
import { junit } from "./junit.ts";
import { markdown } from "./markdown.ts";

export const FORMATS = ["json", "junit", "csv", "md", "gradescope", "classroom"] as const;
export type Format = (typeof FORMATS)[number];

export function parseFormats(text: string): Format[] {
  const list = text.split(",").map((f) => f.trim()).filter(Boolean);
  const bad = list.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad.length > 0 || list.length === 0) throw new Error(`--format takes a list of ${FORMATS.join(", ")}; not ${bad.join(", ") || "nothing"}`);
  return list as Format[];
}

/** A submission's name as a file name: no separators, nothing hidden. */
const fileName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^\.+/, "_");

export function writeReports(report: GradeReport, formats: readonly Format[], outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const put = (rel: string, text: string) => {
    const file = join(outDir, rel);
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, text);
    written.push(file);
  };
  for (const f of formats) {
    if (f === "json") put("report.json", JSON.stringify(report, null, 2) + "\n");
    else if (f === "junit") put("junit.xml", junit(report));
    else if (f === "csv") put("grades.csv", csv(report));
    else if (f === "md") put("summary.md", markdown(report));
    else if (f === "gradescope") for (const s of report.submissions) put(`gradescope/${fileName(s.name)}/results.json`, JSON.stringify(gradescope(s), null, 2) + "\n");
    else for (const s of report.submissions) {
      const json = JSON.stringify(classroom(s));
      put(`classroom/${fileName(s.name)}.json`, json + "\n");
      put(`classroom/${fileName(s.name)}.b64`, Buffer.from(json).toString("base64") + "\n");
    }
  }
  return written;
}
