// Sums the suites' reports into one closing line: "N passed, N failed[, N skipped]". Exit 1 when anything failed.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];

for (const file of readdirSync(dir).filter((f) => f.startsWith("check-"))) {
  const ok = readFileSync(join(dir, file), "utf8").trim() === "pass";
  ok ? passed++ : failed++;
  lines.push(`${file.slice(6, -4)}: ${ok ? "passed" : "FAILED"}`);
}

for (const suite of ["unit", "integration"]) {
  const file = join(dir, `${suite}.json`);
  if (!existsSync(file)) {
    failed++;
    lines.push(`${suite}: no report (the run crashed)`);
    continue;
  }
  const r = JSON.parse(readFileSync(file, "utf8"));
  // Files that failed to load count as failures too.
  const brokenFiles = r.testResults.filter((t) => t.status === "failed" && t.assertionResults.length === 0).length;
  passed += r.numPassedTests;
  failed += r.numFailedTests + brokenFiles;
  skipped += r.numPendingTests + r.numTodoTests;
  lines.push(`${suite}: ${r.numPassedTests} passed, ${r.numFailedTests + brokenFiles} failed`);
  for (const file of r.testResults) {
    for (const test of file.assertionResults.filter((a) => a.status === "passed" && a.failureMessages.length > 0)) {
      lines.push(`  flaky (passed on a retry) ${file.name.replace(`${process.cwd()}/`, "")} > ${test.fullName}`);
    }
  }
  for (const file of r.testResults.filter((t) => t.status === "failed")) {
    const names = file.assertionResults.filter((a) => a.status === "failed").map((a) => a.fullName);
    for (const name of names.length ? names : ["(the file failed to load)"]) {
      lines.push(`  FAILED ${file.name.replace(`${process.cwd()}/`, "")} > ${name}`);
    }
  }
}

const e2e = join(dir, "e2e.json");
if (existsSync(e2e)) {
  const { stats } = JSON.parse(readFileSync(e2e, "utf8"));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
  lines.push(`e2e: ${stats.expected + stats.flaky} passed, ${stats.unexpected} failed`);
} else {
  failed++;
  lines.push("e2e: did not run");
}

console.log(`\n${lines.join("\n")}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
