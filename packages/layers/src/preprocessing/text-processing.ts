/** Keras's text standardization and splitting (TextVectorization._preprocess), on JS strings. */

export type StandardizeFunction = (text: string) => string;
export type SplitFunction = (text: string) => string[];
export type Standardize = 'lower_and_strip_punctuation' | 'lower' | 'strip_punctuation' | null | StandardizeFunction;
export type Split = 'whitespace' | 'character' | null | SplitFunction;

// Keras's regex: [!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~'] (",-\." is the range , - .).
const PUNCTUATION = /[!"#$%&()*+,\-./:;<=>?@[\\\]^_`{|}~']/g;
// tf.strings.split's whitespace: the ASCII space characters.
const WHITESPACE = /[ \t\n\v\f\r]+/;

/** tf.strings.lower as Keras calls it (no encoding): ASCII letters only. */
function lowerAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

export function standardizeText(text: string, standardize: Standardize): string {
  if (standardize === 'lower' || standardize === 'lower_and_strip_punctuation') text = lowerAscii(text);
  if (standardize === 'strip_punctuation' || standardize === 'lower_and_strip_punctuation') text = text.replace(PUNCTUATION, '');
  if (typeof standardize === 'function') text = standardize(text);
  return text;
}

export function splitText(text: string, split: Exclude<Split, null>): string[] {
  if (split === 'whitespace') return text.split(WHITESPACE).filter((token) => token.length > 0);
  if (split === 'character') return Array.from(text); // unicode_split: code points
  return split(text);
}

/** tf.strings.ngrams with several widths: all n-grams of the first width, then of the next..., joined by spaces. */
export function ngramsOf(tokens: string[], widths: number[]): string[] {
  const grams: string[] = [];
  for (const width of widths) {
    for (let i = 0; i + width <= tokens.length; i++) grams.push(tokens.slice(i, i + width).join(' '));
  }
  return grams;
}
