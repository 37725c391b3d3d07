// RUNTIMES.md is generated from runtimes.json, the list scripts/run-all.mjs runs.
//   node scripts/runtimes-table.mjs --write   rewrites RUNTIMES.md
//   node scripts/runtimes-table.mjs --check   exits 1 when RUNTIMES.md (or the README's table
//                                             between the runtimes markers) is out of date
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("../", import.meta.url);
export const RUNTIMES_MD = fileURLToPath(new URL("RUNTIMES.md", root));
export const README_MD = fileURLToPath(new URL("../../README.md", root));
export const START = "<!-- runtimes:start -->";
export const END = "<!-- runtimes:end -->";

/** @returns {Array<Record<string, string>>} the rows of runtimes.json */
export function loadRuntimes() {
  return JSON.parse(readFileSync(new URL("runtimes.json", root), "utf8")).runtimes;
}

/** The Markdown table, one row per runtime the suite runs in. */
export function renderTable(runtimes = loadRuntimes()) {
  const code = (text) => `\`${text}\``;
  const rows = runtimes.map((row) => [
    row.runtime,
    row.version || "Debian's current",
    code(row.import),
    row.condition,
    `${code(row.resolves)}, ${code(row.resolvesRequest)}`,
    row.engine,
    row.runner,
  ]);
  const header = [
    "Runtime",
    "Version",
    "Import",
    "Resolved through",
    "Files (main, /request)",
    "HMAC engine",
    "Run by",
  ];
  // Padded as the formatter pads Markdown tables, so that `biome check` leaves the file alone.
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** Table rows as trimmed cells, separator rows left out: what a check compares. */
export function tableCells(markdown) {
  return markdown
    .split("\n")
    .filter((row) => row.trim().startsWith("|") && !/^[\s|:-]+$/.test(row))
    .map((row) =>
      row
        .trim()
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );
}

/** The whole of RUNTIMES.md. */
export function renderDocument(runtimes = loadRuntimes()) {
  return `# Runtimes

\`@hubsig/conformance\` runs one suite (known-answer vectors, the hostile-header table, secret
rotation, payload views, \`verifyRequest\` with real \`Request\` objects, \`generateSecret\`) against
the built \`@hubsig/core\` in each runtime below, on every \`pnpm test\`. Each run also checks that
the main entry and \`@hubsig/core/request\` resolved to the files listed, and that the HMAC engine
is the one listed, seen two ways that must agree: every verifier names the engine its build bound
under \`Symbol.for("hubsig.engine")\`, and the WebCrypto engine calls \`crypto.subtle.verify\`
while the node:crypto engine never does.

Generated from \`runtimes.json\` by \`pnpm --filter @hubsig/conformance runtimes:table\`; the test
run fails when this file is out of date.

${START}
${renderTable(runtimes)}
${END}

Notes:

- Chromium is Debian's \`chromium\` package (\`apt-get install -y chromium\`), launched by
  playwright-core; no browser is downloaded. Its version is whatever Debian ships.
- workerd is the binary miniflare pins; the Worker is bundled with the conditions wrangler uses.
  It runs twice: without compatibility flags, and with \`nodejs_compat\`, where node:crypto is
  there and the core still uses WebCrypto (the run checks that node:crypto was available).
- Deno type-checks the runner too (\`deno check\`), reading the core's declaration files through
  pnpm's workspace link: one self-contained \`.d.ts\` per entry, so no sloppy imports are needed.
- \`deno-jsr\` runs the suite on what \`deno publish\` publishes to JSR: the core's TypeScript
  sources, as \`packages/core/jsr.json\` exports them (the runner checks that it imports exactly
  those files). JSR has no export conditions, so that package is the node:crypto build;
  browsers and workers install from npm.
- Node, Bun and Deno pick the node:crypto engine through their \`node\` / \`bun\` / \`deno\`
  conditions; every other runtime gets WebCrypto. Why, with the numbers: the root README,
  "Runtime support", and \`bench/RESULTS.md\`.
`;
}

/** The Node versions CI tests, from the root package.json (`hubsig.nodeVersions`). */
export function matrixNodeVersions() {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", root), "utf8"));
  return manifest.hubsig?.nodeVersions ?? [];
}

/** Problems with the generated files, empty when they are up to date. */
export function checkDocuments() {
  const problems = [];
  const matrix = matrixNodeVersions().join(", ");
  for (const row of loadRuntimes().filter((runtime) => runtime.runtime === "Node.js")) {
    if (row.version !== matrix) {
      problems.push(
        `runtimes.json: ${row.id} lists Node ${row.version}, package.json's hubsig.nodeVersions is ${matrix}`,
      );
    }
  }
  const expected = JSON.stringify(tableCells(renderTable()));
  const between = (text) => {
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    return start >= 0 && end > start ? text.slice(start + START.length, end) : undefined;
  };
  const documented = between(readFileSync(RUNTIMES_MD, "utf8"));
  if (documented === undefined || JSON.stringify(tableCells(documented)) !== expected) {
    problems.push(
      "RUNTIMES.md is out of date: run `pnpm --filter @hubsig/conformance runtimes:table`",
    );
  }
  const inReadme = between(readFileSync(README_MD, "utf8"));
  if (inReadme === undefined) {
    console.warn(`README.md has no ${START} ... ${END} table: only RUNTIMES.md was checked`);
  } else if (JSON.stringify(tableCells(inReadme)) !== expected) {
    problems.push(`README.md: the table between ${START} and ${END} differs from runtimes.json`);
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--write")) {
    writeFileSync(RUNTIMES_MD, renderDocument());
    console.log(`wrote ${RUNTIMES_MD}`);
  } else {
    const problems = checkDocuments();
    for (const problem of problems) console.error(problem);
    process.exit(problems.length ? 1 : 0);
  }
}
