// Colour is on only for a terminal, and never with NO_COLOR, TERM=dumb or --no-color;
// FORCE_COLOR / CLICOLOR_FORCE turn it on. chalk does not honour NO_COLOR, so we decide here.
import { Chalk, type ChalkInstance } from 'chalk';

export function colorEnabled(flag: boolean | undefined, isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  if (flag === false) return false;
  const forced = (v: string | undefined) => v !== undefined && v !== '' && v !== '0' && v !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (forced(env.FORCE_COLOR) || forced(env.CLICOLOR_FORCE)) return true;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

export const makeChalk = (on: boolean): ChalkInstance => new Chalk({ level: on ? 1 : 0 });
