/**
 * Keeps an implementation honest: what the code under test may import.
 *
 * Hidden tests and learner code share one JavaScript realm, so the line is
 * drawn at imports. Learner code may import its own folder, the course's
 * support files (`@course/...`), the crypto primitives the course uses, and a
 * short list of Node built-ins. It may not import the reference solutions, the
 * hidden tests, the test framework or the teaching assertions, which would
 * let it copy an answer or tamper with a verdict. Only imports made *from*
 * the implementation folder are checked; hidden tests import what they like.
 */
import { join, relative, sep } from "node:path";
import ts from "typescript";
import type { Plugin } from "vite";
import { COURSE_ROOT, SOLUTIONS_DIR, SUPPORT_DIR } from "../paths.ts";
import { CRYPTO_PACKAGES } from "./vitest-options.ts";

const DISALLOWED_IMPORT = "DisallowedImport";

const PACKAGES = CRYPTO_PACKAGES.map((p) => `${p}/`);
// Where those packages live once the aliases have rewritten their names.
const PACKAGE_DIRS = CRYPTO_PACKAGES.map((p) => join(COURSE_ROOT, "node_modules", p));
const BUILTINS = new Set(["buffer", "crypto", "dgram", "events", "net", "os", "perf_hooks", "string_decoder", "timers", "timers/promises", "util"]);

function inside(dir: string, file: string): boolean {
  const r = relative(dir, file);
  return r !== "" && !r.startsWith("..") && !r.startsWith(sep);
}

function allowedBare(source: string): boolean {
  if (source.startsWith("@course/")) return true;
  if (PACKAGES.some((p) => source.startsWith(p))) return true;
  const builtin = source.startsWith("node:") ? source.slice(5) : source;
  return BUILTINS.has(builtin);
}

const ALLOWED_TEXT = `exercises may import only their own files, "@course/...", ${PACKAGES.map((p) => `"${p}..."`).join(", ")} and node:${[...BUILTINS].join(", node:")}.`;

/**
 * Every module specifier in a TypeScript source, from its syntax tree (so a
 * word "from" in a comment or string is not mistaken for an import).
 * `undefined` stands for an `import(...)` whose argument is not a plain string.
 */
function importSpecifiers(fileName: string, code: string): (string | undefined)[] {
  const sf = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: (string | undefined)[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      out.push(arg && ts.isStringLiteralLike(arg) ? arg.text : undefined);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

export function importGuard(implDir: string): Plugin {
  const ownFile = (id: string | undefined): id is string => id !== undefined && inside(implDir, id.split("?")[0]!);
  return {
    name: "ipsec-course:import-guard",
    enforce: "pre",
    // Some specifiers (the test framework's own) are resolved before any
    // plugin sees them, so bare imports are checked in the source text too.
    transform(code, id) {
      if (!ownFile(id)) return null;
      const file = id.split("?")[0]!;
      const who = relative(implDir, file);
      for (const spec of importSpecifiers(file, code)) {
        if (spec === undefined) throw new Error(`${DISALLOWED_IMPORT}: ${who} uses import() with a computed name; exercises import by plain strings only.`);
        if (!spec.startsWith(".") && !spec.startsWith("/") && !allowedBare(spec)) {
          const why = spec.startsWith("@ref/") ? "that is the course's reference solution. Your code must stand on its own." : ALLOWED_TEXT;
          throw new Error(`${DISALLOWED_IMPORT}: ${who} imports ${JSON.stringify(spec)}: ${why}`);
        }
      }
      return null;
    },
    async resolveId(source, importer) {
      if (!ownFile(importer)) return null;
      const fail = (why: string): never => {
        throw new Error(`${DISALLOWED_IMPORT}: ${relative(implDir, importer)} imports ${JSON.stringify(source)}: ${why}`);
      };
      const isPath = source.startsWith(".") || source.startsWith("/");
      if (!isPath) {
        if (!allowedBare(source)) fail(ALLOWED_TEXT);
        return null;
      }
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      const file = resolved?.id.split("?")[0];
      if (file && !inside(implDir, file) && !inside(SUPPORT_DIR, file) && !PACKAGE_DIRS.some((d) => inside(d, file))) {
        fail(inside(SOLUTIONS_DIR, file) ? "that is the course's reference solution. Your code must stand on its own." : "that file is outside your exercises folder.");
      }
      return resolved;
    },
  };
}
