// The texts of `minerals help TOPIC`. Loaded only when a topic is asked for.
import type { Topic } from './topics.js';

const FORMATS = `Output formats

Every list command (deposits, deals, facts, timeline, conflicts, ...) prints rows in one of six
formats, chosen with --format:

  table   the default: aligned columns for people (see Tables below).
  json    an array of objects, one per row (--json is short for --format json). Indented on a
          terminal, one line when piped.
  ndjson  one JSON object per line, for streaming into other tools.
  csv     RFC 4180: a header row, quoted cells where needed, CRLF line ends. Numbers are raw
          (no thousands separators); lists are joined with "; ", objects written as JSON.
  tsv     tab-separated: a header row; tabs, newlines, carriage returns and backslashes in a
          cell escaped as \\t, \\n, \\r, \\\\.
          In csv and tsv a cell that starts with =, +, -, @, a tab or a carriage return, and is
          not a number (-5 stays -5), starts with ' so that a spreadsheet never runs it as a
          formula (OWASP's advice against CSV injection): "'=HYPERLINK(...)". Any other text is
          written as stored (csv has no escapes), and escaped for the terminal only when
          standard output is a terminal, as in a table (^[ for ESC, \\u{202E} for a bidi
          control).
  yaml    the same objects as json, as a YAML list. A string that holds a control, bidi or
          zero-width character is written as JSON writes it ("a\\u202eb"), which is a YAML
          double-quoted string: YAML reads back the same string as JSON.

Choosing and ordering rows and fields:

  --fields a,b,c  only these fields, in this order: table columns and JSON keys alike. An unknown
                  name, or none at all (--fields ''), is an error that lists the valid ones.
                  Without --fields, table, csv and tsv show the command's usual columns; json,
                  ndjson and yaml give every field.
  --sort FIELD    sort by a field; -FIELD sorts descending. A figure sorts by its value in the
                  base unit (a bound by the number written, a range by its low end, a row with
                  several figures by the largest); a date by its first day, with the part of a
                  year honoured ("late 2025" after May 2025) and an open interval at its known
                  end ("since 2012" at 2012). Rows without a value come last either way.
  --limit N       at most N rows, after sorting.
  --no-headers    table, csv, tsv: leave out the header row.
  --cite          table: number the quotes behind each row's figures ([1], [2], ...) in a cites
                  column and print the quotes, with their sources, under the table.

Choosing records: every filter option can be repeated or given a comma list; the values of one
filter are alternatives (--metal copper,tin), different filters must all hold. Closed
vocabularies (--status, --type, --modality, --property) match in any case, as names do.

  --where COND    records (or, in facts, claims) with a claim meeting COND; repeatable, and all
                  must hold. COND is PROPERTY OP NUMBER [SCALE] [UNIT] with OP one of
                  = != < <= > >=: 'investment>=1 billion USD', 'investment>=1e9',
                  'capacity>=1 Mt/yr', 'grade>5%'; or date OP YYYY[-MM[-DD]]. Units convert as
                  the schema's units do; without a unit the number is in the base unit. A
                  bound counts only if every value it allows meets COND: "> 20 million" meets
                  '>=20e6', "up to 1 million" does not meet '>1e6'; "approximately 800,000"
                  counts as 800,000. A unit that does not fit the property is a usage error.

Tables:

  Width   on a terminal a table fits the terminal's width (its own, else $COLUMNS, else 80);
          in a pipe or a file it is as wide as its widest cells, and nothing is wrapped.
  Wrap    nothing is ever cut. Ids, numbers, dates, sources, citation markers ([1][2]) and
          words of a vocabulary (kind, type, status, property) are never broken: a list of
          them wraps between its items. Free text (names, values, descriptions) wraps at
          spaces, and its columns are the ones narrowed. When that is not enough, free-text
          words break after a hyphen; then ids after a hyphen; then free-text words anywhere,
          but never a word with a digit in it. When what is never broken is wider than the
          terminal, so is the table.
  Columns a column that is empty in every row is left out of the table; so is a column a
          filter fixed (STATUS with --status signed, KIND with --kind, the record's columns
          with --about, COMMODITY with --metal) when two or more rows all have the same value
          in it. A column named with --fields is always shown; csv, tsv and the JSON formats
          always have every column.
  Pager   on a terminal, output that takes more lines than the terminal has rows goes through
          a pager: $MINERALS_PAGER, else $PAGER, else "less -FRX" (empty, or cat: no pager).
          Never in a pipe, never with --no-pager; a pager that cannot be started leaves the
          output printed as it is.
  Colour  --color always or never decides (--no-color is --color never); with --color auto or
          none, NO_COLOR turns colour off and FORCE_COLOR on, else TERM=dumb turns it off,
          else it is on for a terminal and off in a pipe.

The JSON contract: json, ndjson and yaml are for programs, and stay stable; the table is for
people and may change. Keys are the field names (the table headers in lower case); references
are ids, not names, with a sibling "*_name" (or "*_names") where the table shows names; numbers
are never rounded or formatted. A row about a record names it as "id", "kind", "name" in a list,
and as "about": {id, kind, name} in facts, timeline, conflicts and search; "kind" is always a
record kind. A figure column is an array of {property, commodity, quantity, modality, when,
sources}, the quantity keeping the number as written with its unit, scale and bound, plus "base":
the value in the dimension's base unit (t, t/yr, USD, ...); csv and tsv give the display form
and, beside it, the base values ("investment", "investment_usd"). A date is an object, {on} or
{start, end}, with its precision, part, modality and inferred. Every claim carries its
"citations": source id, the source's stored file, the verbatim quote, and said_by. The show
commands (minerals deal show ID --json) print one object: the whole record with its claims,
citations and referenced_by. Text is the text stored, and json, ndjson, yaml, csv and tsv
carry the same strings: json and yaml escape control, bidi and zero-width characters as
\\uXXXX; csv and tsv, off a terminal, write them as they are (tsv escaping a tab, newline and
carriage return). A lone surrogate (which only a \\u escape in a data file makes) is \\udXXX in
json and yaml; csv and tsv write it as UTF-8 does, as U+FFFD.

Examples:
  $ minerals deposits --format csv --fields id,name,status
  $ minerals facts --about karabas --sort -property --limit 3 --cite
  $ minerals deals --json | jq -r '.[] | "\\(.id) \\(.status)"'
`;

const EXIT_CODES = `Exit codes

  0  success. A list with no rows is still success, and so is a query on a base with
     warnings only. validate: no errors (warnings are allowed unless --strict).
  1  the data has errors, or the record asked for is not there:
     - validate found an error (or a warning with --strict);
     - a query (the lists, show, facts, timeline, conflicts, search, stats, graph, report,
       coverage) refuses a base with errors: stderr says how many and shows the first 3 as
       validate does. With --allow-invalid it answers anyway, leaving out the records with
       errors, with a warning on stderr (exit 0);
     - a show command found no record of that id or name ("deal show karabas" also says that
       karabas is a deposit, and how to show it);
     - coverage found a source below --fail-under.
  2  bad usage or unreadable input:
     - an unknown command, option, field, topic or shell, or a bad option value (--format,
       --status, --limit, a date); a kind's word for the other ("deals show X", "deposit
       --metal copper") says which command was meant;
     - a name given to an option (--metal, --country, --about, --said-by, ...) that matches
       no record, with the closest names; a name that matches several records, in show too;
     - a data directory that is missing or not a directory, or one with no fact files
       ("minerals: no fact files in DIR");
     - a data file that vanished, could not be read, is not a regular file, or is over the
       size or token limit: validate, and a query on that base, exit 2 rather than 1;
     - output that could not be written ("> /dev/full": no space left on the device); a
       reader that went away ("| head -1") is no error.

Every error a user can cause is one line on stderr starting "minerals:", never a stack trace
(a refused query adds its first errors under it); an unknown command or option, or a wrong
number of arguments, ends by naming the help to read ("see 'minerals deposits --help'"). Any
other exit code is a bug in minerals: please report it with the output.

Examples:
  $ minerals validate --data ./my-base && echo clean
  $ minerals deal show no-such-deal; echo $?
  $ minerals deposits --status nonsense; echo $?
`;

const DATA = `Writing your own fact base

A fact base is a directory of YAML files (*.yaml or *.yml, in any subdirectory). Each file holds
one record or a list of records. Every record has an id (a lower-case kebab slug, unique across
the base), a kind (source, country, region, organization, person, commodity, deposit, project,
deal or policy) and a name. A claim is one figure or fact on a record, and must cite a source
with a quote that occurs word for word in the source's stored text.

A minimal fact base, my-base/facts.yaml:

  - id: field-notes
    kind: source
    name: Field notes
    title: Field notes on Karabas
    file: field-notes.txt
  - id: kazakhstan
    kind: country
    name: Kazakhstan
  - id: copper
    kind: commodity
    name: Copper
    symbol: Cu
  - id: karabas
    kind: deposit
    name: Karabas
    country: kazakhstan
    commodities: [copper]
    status: exploration
    claims:
      - property: contained-metal
        commodity: copper
        quantity: {value: 250000, unit: t, bound: more-than, basis: {material: contained-metal}}
        citations:
          - source: field-notes
            quote: holds more than 250,000 tons of copper

and the source's text, my-base/seeds/field-notes.txt:

  Initial estimates suggest the Karabas site holds more than 250,000 tons of copper.

Check it, then query it:

  $ minerals validate --data my-base
  $ minerals deposits --data my-base
  $ export MINERALS_DATA=$PWD/my-base     # use it by default from now on

--data DIR (or MINERALS_DATA) is the fact base. The source texts are read from --seeds DIR (or
MINERALS_SEEDS), else seeds/ inside the data directory, else seeds/ beside it. validate reports
every problem at once, as FILE:LINE:COL with the line and a caret, and exits 1 on errors.

For completion and checking in an editor, write the JSON Schema next to your files and start
each file with a modeline:

  $ minerals schema > my-base/schema.json
  # yaml-language-server: $schema=./schema.json

The whole format (units, bounds, dates, every kind's fields) is in the schema and in the
README of the minerals package (data/README.md describes the shipped base).

Examples:
  $ minerals validate --data my-base
  $ minerals validate --data my-base --seeds my-texts --strict
  $ minerals schema > my-base/schema.json
`;

export const TOPIC_TEXT: Record<Topic, string> = {
  formats: FORMATS,
  'exit-codes': EXIT_CODES,
  data: DATA,
};
