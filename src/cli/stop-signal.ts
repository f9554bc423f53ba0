/**
 * How the long-running commands (`serve`, `agent`) learn that they should
 * stop: SIGINT (Ctrl-C) or SIGTERM (Kubernetes, systemd, kill).
 */

/** Resolves at the first SIGINT or SIGTERM, then stops listening for either. */
export function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
