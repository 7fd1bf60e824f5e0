// A test-only hook: when DILLINGER_SAVES_PAUSE_AT names this point, the process says so on
// stdout and waits forever, so a crash test can SIGKILL it at exactly that moment. Unset (always,
// outside the crash tests), it costs one environment lookup.
export async function pausePoint(name: string): Promise<void> {
  if (process.env.DILLINGER_SAVES_PAUSE_AT !== name) return;
  process.stdout.write(`paused ${name}\n`);
  await new Promise<never>(() => setInterval(() => undefined, 60_000));
}
