// Tests that need root (mknod, mount, root-owned host files): they run as root in CI, which runs
// as root, and a CI run that is not root is a failure, not a skip. Elsewhere they skip, saying why.
export function runsAsRoot(what: string): boolean {
  if (process.getuid?.() === 0) return true;
  const reason = `${what} needs root (it makes device nodes, mounts or root-owned files)`;
  if (process.env.CI === 'true') throw new Error(`${reason}, and CI must run it: run the tests as root.`);
  console.warn(`Skipping: ${reason}.`);
  return false;
}
