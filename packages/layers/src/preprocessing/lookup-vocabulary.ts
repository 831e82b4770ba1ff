import { compareTokens, type Token } from './string-inputs';

/** The special-token layout of a lookup layer (Keras's _oov_start_index / _token_start_index). */
export interface SpecialTokens<T extends Token> {
  maskToken: T | null;
  oovToken: T | null;
  numOovIndices: number;
  /** Whether the mask takes index 0 (only in "int" output mode). */
  maskInVocabulary: boolean;
  invert: boolean;
  maxTokens: number | null;
}

export function oovStartIndex(special: SpecialTokens<Token>): number {
  return special.maskToken !== null && special.maskInVocabulary ? 1 : 0;
}

export function tokenStartIndex(special: SpecialTokens<Token>): number {
  return oovStartIndex(special) + special.numOovIndices;
}

/**
 * Checks a vocabulary given by the user and strips its leading special tokens,
 * with Keras's errors (set_vocabulary). Returns the learned tokens and whether
 * the special tokens were found at the front.
 */
export function parseVocabulary<T extends Token>(
  layer: string,
  vocabulary: T[],
  special: SpecialTokens<T>,
): { tokens: T[]; foundSpecialTokens: boolean } {
  if (vocabulary.length === 0) throw new Error(`${layer}: cannot set an empty vocabulary. Received: vocabulary=[].`);
  const tokenStart = tokenStartIndex(special);
  const specials = [
    ...new Array(oovStartIndex(special)).fill(special.maskToken),
    ...new Array(special.numOovIndices).fill(special.oovToken),
  ];
  const foundSpecialTokens = specials.every((token, i) => vocabulary[i] === token) && vocabulary.length >= tokenStart;
  const tokens = foundSpecialTokens ? vocabulary.slice(tokenStart) : [...vocabulary];
  const seen = new Set<T>();
  const repeated = new Set<T>();
  for (const token of tokens) (seen.has(token) ? repeated : seen).add(token);
  if (repeated.size > 0) {
    throw new Error(
      `${layer}: the passed vocabulary has at least one repeated term. Please uniquify your dataset. The repeated terms are: ${JSON.stringify([...repeated])}.`,
    );
  }
  const describe = JSON.stringify(specials);
  if (special.maskToken !== null && seen.has(special.maskToken)) {
    throw new Error(
      `${layer}: found reserved mask token at unexpected location in \`vocabulary\`. Note that passed \`vocabulary\` does not need to include the OOV and mask tokens. Either remove all mask and OOV tokens, or include them only at the start of the vocabulary in precisely this order: ${describe}. Received: mask_token=${JSON.stringify(special.maskToken)} at vocabulary index ${vocabulary.lastIndexOf(special.maskToken)}.`,
    );
  }
  if (special.oovToken !== null && special.invert && seen.has(special.oovToken)) {
    throw new Error(
      `${layer}: found reserved OOV token at unexpected location in \`vocabulary\`. Note that passed \`vocabulary\` does not need to include the OOV and mask tokens. Either remove all mask and OOV tokens, or include them only at the start of the vocabulary in precisely this order: ${describe}. Received: oov_token=${JSON.stringify(special.oovToken)} at vocabulary index ${vocabulary.lastIndexOf(special.oovToken)}.`,
    );
  }
  const size = tokenStart + tokens.length;
  if (special.maxTokens !== null && size > special.maxTokens) {
    throw new Error(
      `${layer}: attempted to set a vocabulary larger than the maximum vocab size. Received vocabulary size is ${size}; \`max_tokens\` is ${special.maxTokens}.`,
    );
  }
  return { tokens, foundSpecialTokens };
}

/** Token and document counts gathered by `adapt` (Keras's update_state). */
export class VocabularyCounter<T extends Token> {
  readonly counts = new Map<T, number>();
  readonly documentCounts = new Map<T, number>();
  numDocuments = 0;

  /** Counts the tokens of each document (a row of tokens). */
  addDocuments(documents: T[][]): void {
    for (const document of documents) {
      for (const token of document) this.counts.set(token, (this.counts.get(token) ?? 0) + 1);
      for (const token of new Set(document)) this.documentCounts.set(token, (this.documentCounts.get(token) ?? 0) + 1);
    }
    this.numDocuments += documents.length;
  }

  /**
   * The learned vocabulary: tokens by count, most frequent first, ties broken
   * by the tokens themselves in descending order (Keras's reversed
   * np.lexsort), without the special tokens, at most `limit` long.
   */
  vocabulary(special: SpecialTokens<T>, limit: number | null): T[] {
    const tokens = [...this.counts.keys()].filter((t) => t !== special.maskToken && t !== special.oovToken);
    tokens.sort((a, b) => (this.counts.get(b) as number) - (this.counts.get(a) as number) || compareTokens(b, a));
    return limit === null ? tokens : tokens.slice(0, Math.max(limit, 0));
  }

  /** Keras's inverse document frequency: log(1 + num_documents / (1 + document_count)). */
  inverseDocumentFrequency(tokens: T[]): number[] {
    return tokens.map((t) => Math.log(1 + this.numDocuments / (1 + (this.documentCounts.get(t) ?? 0))));
  }
}

/** Pads idf weights as Keras: the mean in front for the special tokens, zeros behind up to max_tokens. */
export function padIdfWeights(weights: number[], front: number, frontValue: number, backTo: number | null): number[] {
  const padded = [...new Array(front).fill(frontValue), ...weights];
  if (backTo !== null && backTo > padded.length) padded.push(...new Array(backTo - padded.length).fill(0));
  return padded;
}
