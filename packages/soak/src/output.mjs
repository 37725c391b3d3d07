// Terminal output: one progress line that redraws itself while a run goes on (a line every few
// seconds when the output is not a terminal), and markdown tables.

/**
 * A progress line. `update(text)` redraws it; `done(text)` clears it and prints `text` for good.
 *
 * @example
 * const progress = progressLine();
 * progress.update("express: soak 12/60s");
 * progress.done("✓ express soaked");
 */
export function progressLine(stream = process.stdout) {
  const interactive = stream.isTTY && !process.env.CI;
  const started = Date.now();
  let last = "";
  let printedAt = 0;
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
  return {
    update(text) {
      last = text;
      if (interactive) {
        const line = `⠿ [${elapsed()}] ${text}`;
        stream.write(`\r\x1b[2K${line.slice(0, (stream.columns ?? 120) - 1)}`);
      } else if (Date.now() - printedAt > 5000) {
        printedAt = Date.now();
        stream.write(`• [${elapsed()}] ${text}\n`);
      }
    },
    done(text) {
      if (interactive) stream.write("\r\x1b[2K");
      if (text) stream.write(`${text}\n`);
    },
    last: () => last,
  };
}

/**
 * A markdown table from a header row and rows of cells.
 *
 * @param {string[]} header
 * @param {(string | number)[][]} rows
 * @example
 * console.log(table(["server", "p99"], [["express", "12 ms"]]));
 */
export function table(header, rows) {
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...rows.map((row) => String(row[i] ?? "").length)),
  );
  const line = (cells) =>
    `| ${cells.map((cell, i) => String(cell ?? "").padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [
    line(header),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...rows.map(line),
  ].join("\n");
}

/** Outcome counts as `401×1000, reset×2`, largest first. */
export function counts(outcomes) {
  return (
    Object.entries(outcomes)
      .sort((a, b) => b[1] - a[1])
      .map(([key, n]) => `${key}×${n}`)
      .join(", ") || "-"
  );
}

/** PASS or FAIL. */
export function verdict(pass) {
  return pass ? "pass" : "FAIL";
}
