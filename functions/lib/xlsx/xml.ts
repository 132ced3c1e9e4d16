/** Text into SpreadsheetML: escaped, and without the characters XML 1.0 cannot carry. */

/**
 * Everything XML 1.0 forbids: C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF.
 * (With the u flag a lone surrogate is a code point of its own, outside every allowed range.)
 */
const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const SPECIAL = /[&<>"\r]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };

/** Removes the characters XML 1.0 cannot hold (a spreadsheet could not be opened with them). */
export function stripIllegal(text: string): string {
  ILLEGAL.lastIndex = 0;
  return ILLEGAL.test(text) ? text.replace(ILLEGAL, '') : text;
}

/**
 * Escaped for element text and double-quoted attributes. CR is written as a character reference so a
 * reader's line-end normalisation does not turn it into LF.
 */
export function escapeXml(text: string): string {
  const clean = stripIllegal(text);
  SPECIAL.lastIndex = 0;
  return SPECIAL.test(clean) ? clean.replace(SPECIAL, (c) => ENTITY[c]!) : clean;
}

/** A `<t>` element; spaces at either end, or a line break, are kept with xml:space="preserve". */
export function textElement(text: string): string {
  const body = escapeXml(text);
  return /^\s|\s$|\n/.test(text) ? `<t xml:space="preserve">${body}</t>` : `<t>${body}</t>`;
}
