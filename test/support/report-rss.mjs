// Preloaded into CLI subprocesses by the hostile-input tests: prints the process's peak resident
// memory on exit, so the test can hold it under the limit.
process.on("exit", () => {
  process.stderr.write(`\npodsensei-test-maxrss-kb=${process.resourceUsage().maxRSS}\n`);
});
