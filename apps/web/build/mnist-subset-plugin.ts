/**
 * A Vite plugin that writes the MNIST subset the page trains on
 * (`data/mnist-subset.bin`, see src/subset-format.ts) from the real gzipped
 * IDX files that @strata/datasets finds in Node (STRATA_DATASETS_DIR, then the
 * user cache, then the system folder; never a download). The build emits it
 * into dist/; the dev server makes it on the first request. It is never
 * committed. Without the files the build still succeeds, says loudly why the
 * page has no data, and the page shows the same reason.
 */
import { MNIST_FILES, parseIdx, readDatasetFile } from '@strata/datasets';
import type { Plugin } from 'vite';
import { IMAGE_SIZE, encodeSubset } from '../src/subset-format.ts';

export const SUBSET_PATH = 'data/mnist-subset.bin';

export interface SubsetOptions {
  /** Training images taken from the start of MNIST's training set. */
  trainCount: number;
  /** Test images taken from the start of MNIST's test set. */
  testCount: number;
}

async function readSplit(imagesFile: typeof MNIST_FILES.trainImages, labelsFile: typeof MNIST_FILES.trainLabels, count: number) {
  const [imageBytes, labelBytes] = await Promise.all([
    readDatasetFile(imagesFile, {}, { download: false }),
    readDatasetFile(labelsFile, {}, { download: false }),
  ]);
  const images = parseIdx(imageBytes, imagesFile.name, 3);
  const labels = parseIdx(labelBytes, labelsFile.name, 1);
  if (images.shape[0] < count) {
    throw new Error(`${imagesFile.name} holds ${images.shape[0]} images, fewer than the ${count} the web app's subset takes.`);
  }
  return {
    images: images.data.slice(0, count * IMAGE_SIZE),
    labels: labels.data.slice(0, count),
    count,
  };
}

/** Reads the subset from the real MNIST files; throws a sentence saying what is missing and how to fix it. */
export async function makeMnistSubset(options: SubsetOptions): Promise<Uint8Array> {
  try {
    const [train, test] = await Promise.all([
      readSplit(MNIST_FILES.trainImages, MNIST_FILES.trainLabels, options.trainCount),
      readSplit(MNIST_FILES.testImages, MNIST_FILES.testLabels, options.testCount),
    ]);
    return encodeSubset({ train, test });
  } catch (cause) {
    const where = process.env.STRATA_DATASETS_DIR
      ? `STRATA_DATASETS_DIR is ${process.env.STRATA_DATASETS_DIR}`
      : 'STRATA_DATASETS_DIR is not set';
    throw new Error(
      `The web app's MNIST subset could not be made (${where}): ${(cause as Error).message} ` +
        'Set STRATA_DATASETS_DIR to a folder holding mnist/train-images-idx3-ubyte.gz, mnist/train-labels-idx1-ubyte.gz, ' +
        'mnist/t10k-images-idx3-ubyte.gz and mnist/t10k-labels-idx1-ubyte.gz, then build again.',
      { cause },
    );
  }
}

export function mnistSubsetPlugin(options: SubsetOptions): Plugin {
  let subset: Promise<Uint8Array> | undefined;
  const load = () => (subset ??= makeMnistSubset(options));
  return {
    name: 'strata-mnist-subset',
    configureServer(server) {
      server.middlewares.use(`/${SUBSET_PATH}`, (_request, response) => {
        load().then(
          (bytes) => {
            response.setHeader('Content-Type', 'application/octet-stream');
            response.end(bytes);
          },
          (error: Error) => {
            server.config.logger.error(error.message);
            response.statusCode = 404;
            response.end(error.message);
          },
        );
      });
    },
    async generateBundle() {
      try {
        this.emitFile({ type: 'asset', fileName: SUBSET_PATH, source: await load() });
      } catch (error) {
        // Loud, but not fatal: the rest of the app (drawing, loading .keras files) works without it.
        this.warn(`\n\n*** NO MNIST DATA IN THIS BUILD ***\n${(error as Error).message}\n`);
      }
    },
  };
}
