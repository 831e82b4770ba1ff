import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** An array as the golden generator writes it (scripts/golden_data_utils.py). */
export interface GoldenArray {
  dtype: string;
  shape: number[];
  data: number[];
}

interface DataUtilsGolden {
  keras: string;
  pad_sequences: Array<{ name: string; sequences: number[][] | number[][][]; kwargs: Record<string, unknown>; result: GoldenArray }>;
  timeseries: Array<{
    name: string;
    data: GoldenArray;
    targets: GoldenArray | null;
    kwargs: Record<string, number | boolean | null>;
    batches: Array<{ x: GoldenArray; y?: GoldenArray }>;
  }>;
  text_directory: Array<{ name: string; kwargs: Record<string, unknown>; paths: string[]; labels: number[]; class_names: string[]; texts: string[] }>;
  split_dataset: Array<{ name: string; kwargs: Record<string, number | boolean>; left: number[]; right: number[] }>;
  split_sizes: Array<{ left_size: number | null; right_size: number | null; total: number; result: [number, number] | 'ValueError' }>;
  torch_randperm: Record<string, number[]>;
}

/** Keras 3.15.1's outputs for the data utilities, written by scripts/golden_data_utils.py. */
export const dataUtilsGolden: DataUtilsGolden = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../golden/data-utils.json', import.meta.url)), 'utf8'),
);

/** The fixture folder the text-directory goldens were listed from. */
export const textTreeDirectory = fileURLToPath(new URL('./text-tree', import.meta.url));
