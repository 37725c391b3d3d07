// Copied into the temporary project of the pack test and run there: loads every entry of every
// package named on the command line with import() and with require(), as a user of the
// published tarballs would, and prints what it saw as JSON.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** The subpaths a package's `exports` names: "." and "./x", never "./package.json". */
function subpaths(manifest) {
  const { exports } = manifest;
  if (exports === undefined) return ["."];
  if (typeof exports === "string" || !Object.keys(exports).some((key) => key.startsWith("."))) {
    return ["."];
  }
  return Object.keys(exports).filter((key) => key !== "./package.json");
}

/** Whether the exports entry of a subpath offers anything to require(). */
function requirable(manifest, subpath) {
  const { exports } = manifest;
  if (exports === undefined || typeof exports === "string") return true;
  const entry = Object.keys(exports).some((key) => key.startsWith("."))
    ? exports[subpath]
    : exports;
  const walk = (node) =>
    typeof node === "string" ||
    (node !== null &&
      typeof node === "object" &&
      Object.entries(node).some(
        ([condition, value]) => condition !== "import" && condition !== "types" && walk(value),
      ));
  return walk(entry);
}

const names = (namespace) =>
  Object.keys(namespace)
    .filter((key) => key !== "default" && key !== "module.exports")
    .sort();

const results = [];
for (const name of process.argv.slice(2)) {
  const manifest = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8"));
  for (const subpath of subpaths(manifest)) {
    const specifier = subpath === "." ? name : `${name}/${subpath.slice(2)}`;
    const result = { specifier, requirable: requirable(manifest, subpath) };
    try {
      result.importPath = fileURLToPath(import.meta.resolve(specifier));
      result.importNames = names(await import(specifier));
    } catch (error) {
      result.importError = `${error.code ?? error.name}: ${error.message}`;
    }
    try {
      result.requirePath = require.resolve(specifier);
      result.requireNames = names(require(specifier));
    } catch (error) {
      result.requireError = `${error.code ?? error.name}: ${error.message}`;
      result.requireErrorCode = error.code;
    }
    results.push(result);
  }
}
console.log(JSON.stringify(results));
