/**
 * JUnit XML, the report every CI system reads: one <testsuite> per
 * submission and exercise, one <testcase> per hidden test. An exercise that
 * produced no test results (timeout, crash, code that would not load) is one
 * <testcase> with an <error>, so nothing silently disappears.
 */
import type { GradedExercise, GradeReport, SubmissionResult } from "../model.ts";

// XML 1.0 allows no control characters besides tab, newline and return.
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xml(s: string): string {
  return s.replace(INVALID, "?").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function suite(s: SubmissionResult, r: GradedExercise): string {
  const classname = xml(`${s.name}.${r.id}`);
  const cases = r.tests.length > 0
    ? r.tests.map((t) => {
        const body = t.status === "pass" ? "" : t.status === "skip" ? "<skipped/>" : `<${t.status === "error" ? "error" : "failure"} message="${xml((t.message ?? "").split("\n")[0]!)}">${xml(t.message ?? "")}</${t.status === "error" ? "error" : "failure"}>`;
        return `      <testcase classname="${classname}" name="${xml(t.name)}" file="${xml(t.file)}" time="${seconds(t.durationMs)}">${body}</testcase>`;
      })
    : [`      <testcase classname="${classname}" name="${xml(r.id)}" time="${seconds(r.durationMs)}"><error type="${r.status}" message="${xml((r.message ?? r.status).split("\n")[0]!)}">${xml(r.message ?? "")}</error></testcase>`];
  const count = (st: string) => r.tests.filter((t) => t.status === st).length;
  const errors = r.tests.length > 0 ? count("error") : 1;
  return `    <testsuite name="${xml(`${s.name}/${r.id}`)}" tests="${Math.max(1, r.tests.length)}" failures="${count("fail")}" errors="${errors}" skipped="${count("skip")}" time="${seconds(r.durationMs)}">
      <properties><property name="status" value="${r.status}"/><property name="points" value="${r.points}"/><property name="earned" value="${r.earned}"/><property name="seed" value="${r.seed}"/></properties>
${cases.join("\n")}
    </testsuite>`;
}

export function junit(report: GradeReport): string {
  const suites = report.submissions.flatMap((s) => s.results.map((r) => suite(s, r)));
  const all = report.submissions.flatMap((s) => s.results);
  const tests = all.reduce((n, r) => n + Math.max(1, r.tests.length), 0);
  const failures = all.reduce((n, r) => n + r.tests.filter((t) => t.status === "fail").length, 0);
  const errors = all.reduce((n, r) => n + (r.tests.length > 0 ? r.tests.filter((t) => t.status === "error").length : 1), 0);
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="${xml(report.course)}" tests="${tests}" failures="${failures}" errors="${errors}">
${suites.join("\n")}
</testsuites>
`;
}
