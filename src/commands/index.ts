// Every command, in the order `minerals --help` lists them.
import { registerDeposits } from './deposits.js';
import type { Registrar } from './kit.js';

export const REGISTRARS: readonly Registrar[] = [registerDeposits];
