// A write that must not be cut short by Ctrl-C: node dies of SIGINT at once when nothing listens
// for it, and a temporary file half written would be left beside the target. While `write` runs
// (synchronously) a listener holds the signal; once it has returned (the file renamed into place
// or removed), the signal is raised again, with nothing listening, and ends the process as it
// would have.
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

type Raise = (signal: NodeJS.Signals) => void;

const raiseAgain: Raise = (signal) => process.kill(process.pid, signal);

/** Run `write` with the signals that end a process held until it is done; then raise the first. */
export function holdingSignals<T>(write: () => T, raise: Raise = raiseAgain): T {
  const held: NodeJS.Signals[] = [];
  const hold = (signal: NodeJS.Signals) => void held.push(signal);
  for (const s of SIGNALS) process.on(s, hold);
  try {
    return write();
  } finally {
    // a signal that came during the write is dispatched in the poll phase of the event loop's next
    // turn (libuv's handler has written it to its pipe by then): after one whole turn, not in the
    // check phase of this one, which can come first
    setImmediate(() =>
      setImmediate(() => {
        for (const s of SIGNALS) process.off(s, hold);
        if (held.length > 0) raise(held[0]!);
      }),
    );
  }
}
