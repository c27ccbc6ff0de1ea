// Preloaded into a measured process: reports its peak memory on exit, on stderr's last line.
process.on('exit', () => {
  process.stderr.write(`\nmax-rss-kb=${process.resourceUsage().maxRSS}\n`);
});
