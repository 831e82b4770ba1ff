/** Fetching the MNIST subset that the build wrote next to the page (see build/mnist-subset-plugin.ts). */
import { type DigitSubset, decodeSubset } from './subset-format';

export const SUBSET_URL = `${import.meta.env.BASE_URL}data/mnist-subset.bin`;

/** What the page says when the build wrote no subset (the server then answers 404, or its index.html). */
export const MISSING_SUBSET =
  'This build has no MNIST subset: set STRATA_DATASETS_DIR (a folder with the MNIST IDX files) when building the page, then build again.';

export async function fetchSubset(url = SUBSET_URL): Promise<DigitSubset> {
  const response = await fetch(url);
  // A static server (vite preview among them) may answer a missing file with the app's index.html and status 200.
  if (response.status === 404 || (response.headers.get('content-type') ?? '').includes('text/html')) {
    throw new Error(`${MISSING_SUBSET} (${url}: HTTP ${response.status}, ${response.headers.get('content-type') ?? 'no content type'})`);
  }
  if (!response.ok) {
    const detail = (await response.text()).slice(0, 600);
    throw new Error(`The MNIST subset ${url} could not be fetched (HTTP ${response.status}). ${detail}`);
  }
  return decodeSubset(new Uint8Array(await response.arrayBuffer()), url);
}
