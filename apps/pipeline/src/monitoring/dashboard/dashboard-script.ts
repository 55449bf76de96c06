import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the browser script's TypeScript source and its tsconfig are (assets/ beside this file in the sources). */
const SOURCE_DIR = join(__dirname, 'assets');
const SOURCE = 'dashboard.ts';
/** Where the build puts the compiled script: beside this file's compiled form in dist/. */
export const BUILT_SCRIPT = join(__dirname, 'assets', 'dashboard.js');

/**
 * The dashboard's browser script (assets/dashboard.ts, an ES module for the DOM). The build compiles it into dist/;
 * run from the TypeScript sources (the tests, through ts-jest) there is no compiled file, so it is compiled here.
 */
export function dashboardScript(): string {
  return existsSync(BUILT_SCRIPT) ? readFileSync(BUILT_SCRIPT, 'utf8') : compileDashboardScript(SOURCE_DIR);
}

/**
 * TypeScript's emit of the script under its own tsconfig. Types are checked by `tsc -p <dir>/tsconfig.json` (the
 * typecheck and the build): this is the emit only. TypeScript is a devDependency, loaded only here.
 */
export function compileDashboardScript(sourceDir: string): string {
  const ts = require('typescript') as typeof import('typescript');
  const { config, error } = ts.readConfigFile(join(sourceDir, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, sourceDir);
  const output = ts.transpileModule(readFileSync(join(sourceDir, SOURCE), 'utf8'), {
    compilerOptions: { ...options, noEmit: false },
    fileName: SOURCE,
    reportDiagnostics: true,
  });
  const problems = output.diagnostics ?? [];
  if (problems.length > 0) throw new Error(problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  return output.outputText;
}

/** Used by the build (bin/build.js): compiles the script from the sources into dist/. */
export function buildDashboardScript(sourceDir: string): void {
  mkdirSync(dirname(BUILT_SCRIPT), { recursive: true });
  writeFileSync(BUILT_SCRIPT, compileDashboardScript(sourceDir));
}
