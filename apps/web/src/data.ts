/** Fetching the MNIST subset that the build wrote next to the page (see build/mnist-subset-plugin.ts). */
import { type DigitSubset, decodeSubset } from './subset-format';

export const SUBSET_URL = `${import.meta.env.BASE_URL}data/mnist-subset.bin`;

export async function fetchSubset(url = SUBSET_URL): Promise<DigitSubset> {
  const response = await fetch(url);
  if (!response.ok) {
    const detail = (await response.text()).slice(0, 600);
    throw new Error(
      `The MNIST subset ${url} could not be fetched (HTTP ${response.status}). It is written at build time from the ` +
        `MNIST IDX files found through STRATA_DATASETS_DIR; build again with that set. ${detail}`,
    );
  }
  return decodeSubset(new Uint8Array(await response.arrayBuffer()), url);
}
