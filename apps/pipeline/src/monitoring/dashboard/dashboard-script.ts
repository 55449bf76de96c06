import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the browser scripts' TypeScript sources and their tsconfig are (assets/ beside this file in the sources). */
const SOURCE_DIR = join(__dirname, 'assets');
/** The dashboard's browser scripts, assets/<name>.ts: one per page and what they share (dom, scale). */
export const DASHBOARD_SCRIPTS = ['dom', 'scale', 'dashboard', 'record', 'audit'] as const;
export type DashboardScript = (typeof DASHBOARD_SCRIPTS)[number];
/** Where the build puts a compiled script: beside this file's compiled form in dist/. */
export const builtScript = (name: DashboardScript) => join(__dirname, 'assets', `${name}.js`);

/**
 * A browser script (assets/<name>.ts, an ES module for the DOM). The build compiles it into dist/; run from the
 * TypeScript sources (the tests, through ts-jest) there is no compiled file, so it is compiled here.
 */
export function dashboardScript(name: DashboardScript): string {
  const built = builtScript(name);
  return existsSync(built) ? readFileSync(built, 'utf8') : compileDashboardScript(SOURCE_DIR, name);
}

/**
 * TypeScript's emit of a script under its own tsconfig. Types are checked by `tsc -p <dir>/tsconfig.json` (the
 * typecheck and the build): this is the emit only. TypeScript is a devDependency, loaded only here.
 */
export function compileDashboardScript(sourceDir: string, name: DashboardScript): string {
  const ts = require('typescript') as typeof import('typescript');
  const { config, error } = ts.readConfigFile(join(sourceDir, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, sourceDir);
  const fileName = `${name}.ts`;
  const output = ts.transpileModule(readFileSync(join(sourceDir, fileName), 'utf8'), {
    compilerOptions: { ...options, noEmit: false },
    fileName,
    reportDiagnostics: true,
  });
  const problems = output.diagnostics ?? [];
  if (problems.length > 0) throw new Error(problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  return output.outputText;
}

/** Used by the build (bin/build.js): compiles every script from the sources into dist/. */
export function buildDashboardScripts(sourceDir: string): void {
  mkdirSync(join(__dirname, 'assets'), { recursive: true });
  for (const name of DASHBOARD_SCRIPTS) writeFileSync(builtScript(name), compileDashboardScript(sourceDir, name));
}
