// The help topics: their names and the one line `minerals --help` shows for each. The texts are
// in texts.ts, loaded only when a topic is asked for.

export const TOPICS = {
  formats: 'formats, fields, sorting, limits, --cite, tables, the pager and the JSON contract',
  'exit-codes': 'what the exit codes 0, 1 and 2 mean and when each happens',
  data: 'how to write a fact file, point minerals at it and check it',
} as const;
export type Topic = keyof typeof TOPICS;
export const TOPIC_NAMES = Object.keys(TOPICS) as Topic[];

export const isTopic = (s: string): s is Topic => Object.hasOwn(TOPICS, s);

/** The "Help topics" block at the end of `minerals --help`. */
export function topicsHelp(): string {
  const width = Math.max(...TOPIC_NAMES.map((t) => t.length)) + 2;
  return `Help topics (minerals help TOPIC):\n${TOPIC_NAMES.map((t) => `  ${t.padEnd(width)}${TOPICS[t]}`).join('\n')}`;
}
