// HTML escaping for the report. Every piece of data goes through `esc`: control, bidi and
// zero-width characters are made visible first (as in the terminal), then the five characters
// that mean something in HTML become entities, so the text is safe in element content and in
// double- or single-quoted attribute values alike.
import { sanitize } from '../util/sanitize.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const esc = (text: string): string =>
  sanitize(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);

/** An element id or in-page link target for a record (ids are kebab slugs; escaped all the same). */
export const anchorOf = (id: string): string => `r-${esc(id)}`;
