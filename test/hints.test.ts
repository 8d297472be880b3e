// Newcomer mistakes get a hint (issue 12, point 8): a kind's list word used to show one record, a
// show word used as a list, and a show command given a record of another kind. Usage mistakes
// stay exit 2; a record not found stays exit 1. The shipped base.
import { describe, expect, it } from 'vitest';
import { LIST_COMMANDS, SHOW_COMMANDS } from '../src/schema/kinds.js';
import { run } from './helpers.js';

describe('a list word used to show one record', () => {
  it('deals show X: did you mean `minerals deal show X`? (exit 2)', async () => {
    expect(await run(['deals', 'show', 'erg-mitsubishi'])).toEqual({
      stdout: '',
      stderr:
        "minerals: too many arguments for 'deals'. Expected 0 arguments but got 2 (did you mean `minerals deal show erg-mitsubishi`?); see 'minerals deals --help'\n",
      code: 2,
    });
  });

  it('keeps the rest of the command line, quoted for the shell where it must be', async () => {
    expect(
      await run(['--data', 'data', 'companies', 'show', 'Eurasian Resources', '--json']),
    ).toEqual({
      stdout: '',
      stderr:
        "minerals: too many arguments for 'companies'. Expected 0 arguments but got 2 (did you mean `minerals --data data company show 'Eurasian Resources' --json`?); see 'minerals companies --help'\n",
      code: 2,
    });
    expect((await run(['people', 'show', "o'neil"])).stderr).toContain(
      "(did you mean `minerals person show 'o'\\''neil'`?)",
    );
  });

  it('every list command names its show command', async () => {
    for (const { command, kinds } of LIST_COMMANDS) {
      const show = SHOW_COMMANDS.find((s) => s.kinds.includes(kinds[0]!))!.command;
      const r = await run([command, 'show', 'x']);
      expect({
        command,
        code: r.code,
        hint: /\(did you mean (.*)\?\)/.exec(r.stderr)?.[1],
      }).toEqual({
        command,
        code: 2,
        hint: `\`minerals ${show} show x\``,
      });
    }
  });

  it('another extra word is no such mistake: no hint', async () => {
    expect((await run(['deposits', 'copper'])).stderr).toBe(
      "minerals: too many arguments for 'deposits'. Expected 0 arguments but got 1; see 'minerals deposits --help'\n",
    );
  });
});

describe('a show word used as a list', () => {
  it('deposit --metal copper: did you mean `minerals deposits --metal copper`? (exit 2)', async () => {
    expect(await run(['deposit', '--metal', 'copper'])).toEqual({
      stdout: '',
      stderr:
        "minerals: unknown option '--metal' (did you mean `minerals deposits --metal copper`?); see 'minerals deposit --help'\n",
      code: 2,
    });
  });

  it('deposit alone: its help, then the same hint (exit 2)', async () => {
    const r = await run(['deposit']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^Usage: minerals deposit \[options\] \[command\]\n/);
    expect(r.stderr.split('\n').slice(-2)).toEqual([
      "minerals: missing command after 'deposit' (did you mean `minerals deposits`?); see 'minerals deposit --help'",
      '',
    ]);
    // with a global option only, the same
    expect((await run(['deal', '--json'])).stderr.split('\n').at(-2)).toBe(
      "minerals: missing command after 'deal' (did you mean `minerals deals --json`?); see 'minerals deal --help'",
    );
  });

  it('deposit karabas: did you mean `minerals deposit show karabas`? (exit 2)', async () => {
    expect(await run(['deposit', 'karabas'])).toEqual({
      stdout: '',
      stderr:
        "minerals: unknown command 'karabas' (did you mean `minerals deposit show karabas`?); see 'minerals deposit --help'\n",
      code: 2,
    });
  });

  it('every show command names its list command', async () => {
    for (const { command } of SHOW_COMMANDS) {
      const list = LIST_COMMANDS.find((l) =>
        l.kinds.includes(SHOW_COMMANDS.find((s) => s.command === command)!.kinds[0]!),
      )!.command;
      const r = await run([command, '--limit', '3']);
      expect({
        command,
        code: r.code,
        hint: /\(did you mean (.*)\?\)/.exec(r.stderr)?.[1],
      }).toEqual({
        command,
        code: 2,
        hint: `\`minerals ${list} --limit 3\``,
      });
    }
  });

  it("a mistake of show's own, or a near name commander suggests, gets no such hint", async () => {
    expect((await run(['deal', 'show', 'erg-mitsubishi', '--bogus'])).stderr).toBe(
      "minerals: unknown option '--bogus'; see 'minerals deal show --help'\n",
    );
    expect((await run(['deal', 'shwo'])).stderr).toBe(
      "minerals: unknown command 'shwo' (did you mean show?); see 'minerals deal --help'\n",
    );
  });
});

describe('a show command given a record of another kind', () => {
  it('deal show karabas: karabas is a deposit, with the command that shows it (not found: exit 1)', async () => {
    const expected = {
      stdout: '',
      stderr:
        'minerals: no deal "karabas"; karabas is a deposit: `minerals deposit show karabas`\n',
      code: 1,
    };
    expect(await run(['deal', 'show', 'karabas'])).toEqual(expected);
    expect(await run(['deal', 'show', 'karabas', '--json'])).toEqual(expected);
  });

  it('names the record by its id whatever was typed, with "an" where it goes, and a kind that shares a command', async () => {
    expect(await run(['person', 'show', 'Eurasian Resources Group'])).toEqual({
      stdout: '',
      stderr:
        'minerals: no person "Eurasian Resources Group"; erg is an organization: `minerals company show erg`\n',
      code: 1,
    });
    expect((await run(['deal', 'show', 'central-kazakhstan'])).stderr).toBe(
      'minerals: no deal "central-kazakhstan"; central-kazakhstan is a region: `minerals country show central-kazakhstan`\n',
    );
  });

  it('a name that is no record at all is not found as before (exit 1)', async () => {
    expect(await run(['deal', 'show', 'no-such-deal'])).toEqual({
      stdout: '',
      stderr: 'minerals: no deal "no-such-deal"\n',
      code: 1,
    });
  });
});
