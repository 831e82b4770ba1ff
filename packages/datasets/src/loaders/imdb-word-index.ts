import { type LocateOptions, readDatasetFile } from '../files/locate';
import { IMDB_WORD_INDEX_FILE } from './known-files';
import { optionsWithPath } from './path-argument';

/**
 * Keras's `imdb.get_word_index()`: the map from a word to its index in
 * `imdb.npz` (1 for the most frequent word, "the"), read from Keras's
 * `imdb_word_index.json`, found like the other data set files (an explicit
 * `path`, `STRATA_DATASETS_DIR/imdb/`, the user cache, `/usr/share/datasets/imdb/`,
 * then Keras's address, checked against the MD5 Keras publishes).
 *
 * The indices are those of the raw file: `loadData` shifts them by `indexFrom`
 * (3), so the word of a loaded index `i` is the one whose value is `i - 3`.
 * The object has no prototype, so a word like "constructor" is only ever a word.
 */
export async function getWordIndex(
  pathOrOptions?: string | LocateOptions,
  rest?: Omit<LocateOptions, 'path'>,
): Promise<Record<string, number>> {
  const options = optionsWithPath<LocateOptions>('imdb.getWordIndex', pathOrOptions, rest);
  const bytes = await readDatasetFile(IMDB_WORD_INDEX_FILE, options);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new Error(`${IMDB_WORD_INDEX_FILE.name} is not valid JSON (${(cause as Error).message}); it may be truncated.`, { cause });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${IMDB_WORD_INDEX_FILE.name} should hold a JSON object mapping words to indices, found ${Array.isArray(parsed) ? 'an array' : typeof parsed}.`);
  }
  const wordIndex: Record<string, number> = Object.create(null);
  for (const [word, index] of Object.entries(parsed)) {
    if (!Number.isInteger(index) || (index as number) < 1) {
      throw new Error(`${IMDB_WORD_INDEX_FILE.name}: the index of '${word}' is ${JSON.stringify(index)}; expected a positive integer.`);
    }
    wordIndex[word] = index as number;
  }
  return wordIndex;
}
