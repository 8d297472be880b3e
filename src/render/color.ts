// Colour: --color always|never (or --no-color) decides; else NO_COLOR turns it off and
// FORCE_COLOR / CLICOLOR_FORCE on; else TERM=dumb turns it off; else it is on for a terminal.
// chalk does not honour NO_COLOR, so we decide here.
// chalk costs about 10 ms to load, so it is loaded (loadChalk) only when colour may be on; with
// colour off every style is the identity.
import type { ChalkInstance } from 'chalk';

/** The values of --color. */
export const COLORS = ['auto', 'always', 'never'] as const;

export function colorEnabled(
  flag: boolean | undefined,
  isTTY: boolean,
  env: NodeJS.ProcessEnv,
): boolean {
  if (flag !== undefined) return flag;
  const forced = (v: string | undefined) =>
    v !== undefined && v !== '' && v !== '0' && v !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (forced(env.FORCE_COLOR) || forced(env.CLICOLOR_FORCE)) return true;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

let ChalkClass: typeof import('chalk').Chalk | undefined;

/** Load chalk before the program runs, when colour may be on. */
export async function loadChalk(): Promise<void> {
  ChalkClass ??= (await import('chalk')).Chalk;
}

/** A style that changes nothing, whatever chain of styles it is called through. */
const PLAIN: ChalkInstance = new Proxy(
  function plain(...text: unknown[]) {
    return text.join(' ');
  } as unknown as ChalkInstance,
  {
    get: (target, prop) =>
      prop === 'level' ? 0 : prop in Function.prototype ? Reflect.get(target, prop) : PLAIN,
  },
);

export const makeChalk = (on: boolean): ChalkInstance => {
  if (!on) return PLAIN;
  if (!ChalkClass) throw new Error('loadChalk() was not awaited');
  return new ChalkClass({ level: 1 });
};
