import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "dist", "bin.js");

/** Newest modification time of the build inputs (tests excluded: they are not built). */
function newestInput(): number {
  let newest = 0;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (!entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  visit(join(root, "src"));
  for (const file of ["tsup.config.ts", "package.json"]) {
    newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  }
  return newest;
}

/**
 * Vitest global setup: the tests spawn the real `dist/bin.js`, so build it with the package's
 * own tsup config when it is missing or older than its sources. Under turbo the `build` task has
 * already run (packages/cli/turbo.json), so this only builds in direct `vitest` runs.
 */
export default function setup(): void {
  if (existsSync(bin) && statSync(bin).mtimeMs >= newestInput()) return;
  const require = createRequire(import.meta.url);
  const tsupPackage = require.resolve("tsup/package.json");
  const cli = join(
    dirname(tsupPackage),
    (require(tsupPackage) as { bin: { tsup: string } }).bin.tsup,
  );
  const result = spawnSync(process.execPath, [cli], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`building the CLI failed (exit ${result.status})`);
}
