/**
 * Type errors in the learner's file, from a TypeScript language service
 * kept warm for the whole watch session. Vitest strips types without
 * checking them, so without this a learner could pass the tests with code
 * that `npm test`'s tsc rejects. Shown as a warning beside the verdict.
 */
import { statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { CRYPTO_PACKAGES } from "./host/vitest-options.ts";
import { COURSE_ROOT } from "./paths.ts";

export class TypeChecker {
  readonly #service: ts.LanguageService;
  readonly #implDir: string;

  constructor(implDir: string) {
    this.#implDir = implDir;
    const configPath = join(COURSE_ROOT, "tsconfig.json");
    const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, COURSE_ROOT);
    // The learner's code sees its own folder, the course's support files and
    // the crypto packages (from the course's node_modules, wherever the folder is).
    const options: ts.CompilerOptions = {
      ...parsed.options,
      paths: { "@course/*": ["grader/support/*"], ...Object.fromEntries(CRYPTO_PACKAGES.map((p) => [`${p}/*`, [`node_modules/${p}/*`]])) },
    };
    const roots = ts.sys.readDirectory(implDir, [".ts"]);
    const host: ts.LanguageServiceHost = {
      getScriptFileNames: () => roots,
      getScriptVersion: (f) => {
        try {
          return String(statSync(f).mtimeMs);
        } catch {
          return "0";
        }
      },
      getScriptSnapshot: (f) => {
        const text = ts.sys.readFile(f);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => COURSE_ROOT,
      getCompilationSettings: () => options,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    };
    this.#service = ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  /** "exercises/01-bytes/hex.ts:12:5 Type 'string' is not assignable to type 'number'." lines. */
  check(files: readonly string[]): string[] {
    const out: string[] = [];
    for (const f of files) {
      const abs = join(this.#implDir, f);
      const diags = [...this.#service.getSyntacticDiagnostics(abs), ...this.#service.getSemanticDiagnostics(abs)];
      for (const d of diags) {
        const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
        if (d.file && d.start !== undefined) {
          const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
          out.push(`${relative(COURSE_ROOT, d.file.fileName)}:${line + 1}:${character + 1} ${text}`);
        } else {
          out.push(text);
        }
      }
    }
    return out;
  }
}
