import type * as tf from '@tensorflow/tfjs-core';
import { Dataset } from './dataset';

export interface CsvDatasetOptions {
  /** Rows per batch (required, as in `tf.data.experimental.make_csv_dataset`). */
  batchSize: number;
  /** Names of the columns; required when the file has no header row. */
  columnNames?: string[];
  /** Whether the first line names the columns (default true). */
  header?: boolean;
  /** The column yielded separately as the label: elements become `[features, label]`. */
  labelName?: string;
  /** Only these columns are kept (the label column is kept too). */
  selectColumns?: string[];
  fieldDelimiter?: string;
  /** Passes over the file (default 1; Keras's default, unbounded repetition, is `Infinity` here). */
  numEpochs?: number;
  /** Shuffle rows with a buffer (default true, as Keras). */
  shuffle?: boolean;
  shuffleBufferSize?: number;
  shuffleSeed?: number;
  /** Stack the feature columns into one float32 tensor (batch, features) instead of a dict, ready for `fit`. */
  packFeatures?: boolean;
}

type Row = Record<string, number | string>;
export type CsvBatch =
  | Record<string, tf.Tensor>
  | [Record<string, tf.Tensor>, tf.Tensor]
  | [tf.Tensor2D, tf.Tensor1D]
  | tf.Tensor2D;

/**
 * A batched Dataset read from a CSV file line by line (the file is never
 * held in memory), as `tf.data.experimental.make_csv_dataset`. Numeric
 * columns (decided by the first data row) become float32 tensors, others
 * string tensors; an empty numeric field reads as NaN. Node only.
 */
export function makeCsvDataset(path: string, options: CsvDatasetOptions): Dataset<CsvBatch> {
  const { batchSize, labelName, packFeatures = false, numEpochs = 1, shuffle = true } = options;
  const rows = new Dataset<Row>(() => readCsvRows(path, options));
  let dataset: Dataset<unknown> = rows.map((row) => {
    if (!packFeatures && labelName === undefined) return row;
    const { [labelName ?? '']: label, ...features } = row;
    if (labelName !== undefined && label === undefined) throw new Error(`${path} has no column '${labelName}' (labelName).`);
    if (!packFeatures) return [features, label];
    const values = Object.entries(features).map(([column, value]) => {
      if (typeof value !== 'number') throw new Error(`${path}: column '${column}' is not numeric, so packFeatures cannot stack it.`);
      return value;
    });
    return labelName === undefined ? values : [values, label];
  });
  if (numEpochs !== 1) dataset = dataset.repeat(numEpochs);
  if (shuffle) dataset = dataset.shuffle(options.shuffleBufferSize ?? 10_000, options.shuffleSeed);
  return dataset.batch(batchSize) as unknown as Dataset<CsvBatch>;
}

async function* readCsvRows(path: string, options: CsvDatasetOptions): AsyncGenerator<Row> {
  const [fs, readline] = await Promise.all([import(/* webpackIgnore: true */ 'node:fs'), import(/* webpackIgnore: true */ 'node:readline')]);
  if (!fs.existsSync(path)) throw new Error(`makeCsvDataset: ${path} does not exist.`);
  const delimiter = options.fieldDelimiter ?? ',';
  const lines = readline.createInterface({ input: fs.createReadStream(path, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  let names = options.columnNames;
  let numeric: boolean[] | undefined;
  let lineNumber = 0;
  let headerSeen = false;
  let keep: number[] | undefined;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === '') continue;
      const fields = splitCsvLine(line, delimiter, path, lineNumber);
      if (options.header !== false && !headerSeen) {
        headerSeen = true;
        names ??= fields; // columnNames, when given, override the header's names
        continue;
      }
      if (names === undefined) throw new Error(`makeCsvDataset: ${path} has no header, so columnNames is required.`);
      if (fields.length !== names.length) {
        throw new Error(`${path} line ${lineNumber}: expected ${names.length} fields (${names.join(', ')}), found ${fields.length}.`);
      }
      if (keep === undefined) {
        const wanted = options.selectColumns;
        if (wanted !== undefined) {
          for (const column of wanted) if (!names.includes(column)) throw new Error(`${path} has no column '${column}' (selectColumns).`);
        }
        keep = names.map((_, i) => i).filter((i) => !wanted || wanted.includes(names![i]) || names![i] === options.labelName);
      }
      numeric ??= fields.map((field) => field.trim() !== '' && Number.isFinite(Number(field)));
      const row: Row = {};
      for (const i of keep) {
        const field = fields[i];
        if (!numeric[i]) row[names[i]] = field;
        else if (field.trim() === '') row[names[i]] = Number.NaN;
        else {
          const value = Number(field);
          if (Number.isNaN(value)) throw new Error(`${path} line ${lineNumber}: column '${names[i]}' is numeric but holds '${field}'.`);
          row[names[i]] = value;
        }
      }
      yield row;
    }
  } finally {
    lines.close();
  }
}

/** Splits one CSV line, honouring double-quoted fields with "" escapes (RFC 4180, without multi-line fields). */
export function splitCsvLine(line: string, delimiter: string, path = 'CSV', lineNumber = 0): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const character = line[i];
    if (quoted) {
      if (character === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (character === '"') quoted = false;
      else current += character;
    } else if (character === '"' && current === '') quoted = true;
    else if (character === delimiter) {
      fields.push(current);
      current = '';
    } else current += character;
  }
  if (quoted) throw new Error(`${path} line ${lineNumber}: a quoted field is not closed.`);
  fields.push(current);
  return fields;
}
