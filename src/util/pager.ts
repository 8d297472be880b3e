// The pager long output goes through on a terminal: which one ($MINERALS_PAGER, $PAGER, else
// `less -FRX`), and running it. node:child_process is loaded only when a pager runs: it costs
// start-up time that no other run needs.
import type { ChildProcess } from 'node:child_process';

/** The pager command: MINERALS_PAGER, else PAGER, else `less -FRX`; null for none ('' or cat). */
export function pagerCommand(env: NodeJS.ProcessEnv): string | null {
  const command = (env.MINERALS_PAGER ?? env.PAGER ?? 'less -FRX').trim();
  return command === '' || command === 'cat' ? null : command;
}

/** How many lines `text` takes on a terminal `columns` wide (a longer line takes several). */
export function screenLines(text: string, columns: number): number {
  if (text === '') return 0;
  let n = 0;
  for (const line of text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined))
    n += Math.max(1, Math.ceil([...line].length / columns));
  return n;
}

/** A command line the shell must read: quotes, variables, pipes, redirections, globs. */
const SHELL = /["'`$\\|&;<>()*?[\]{}~#!]/;

/**
 * Run `command` with `text` on its standard input and the terminal as its output, and wait for
 * it to end. False when it could not be started (not found: the caller prints the text itself).
 * When the reader quits early (q in less), the rest of the text is dropped, without an error.
 */
export function runPager(text: string, command: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const { spawn } = process.getBuiltinModule('node:child_process');
  // as git does: less and lv show colours and quit on a short text unless told otherwise
  const pagerEnv = { ...env, LESS: env.LESS ?? 'FRX', LV: env.LV ?? '-c' };
  const viaShell = SHELL.test(command);
  return new Promise((resolve) => {
    let child: ChildProcess;
    let started = false;
    let done = false;
    // Ctrl-C is the pager's to handle while it runs
    const ignore = () => {};
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      process.off('SIGINT', ignore);
      resolve(ok);
    };
    try {
      const [file, ...args] = command.split(/\s+/);
      child = viaShell
        ? spawn(command, { shell: true, stdio: ['pipe', 'inherit', 'inherit'], env: pagerEnv })
        : spawn(file!, args, { stdio: ['pipe', 'inherit', 'inherit'], env: pagerEnv });
    } catch {
      finish(false);
      return;
    }
    process.on('SIGINT', ignore);
    child.on('spawn', () => {
      started = true;
    });
    child.on('error', () => finish(started));
    // the reader quit before reading everything: EPIPE, which is no error of ours
    child.stdin!.on('error', () => {});
    // a shell that cannot find the command exits 127 (126: not executable)
    child.on('close', (code) => finish(started && !(viaShell && (code === 127 || code === 126))));
    child.stdin!.end(text);
  });
}
