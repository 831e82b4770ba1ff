import { checkOptionKeys } from '@strata/ops/options';
import { checkPositionalPath } from './option-checks';
import { Callback, type Logs } from './callback';
import { fileExists, nodeModules } from './node-files';
import { formatFloatRepr } from './python-format';

export interface CSVLoggerOptions {
  /** Field separator. Default ','. */
  separator?: string;
  /** Append to an existing file (to continue a training run) instead of overwriting it. */
  append?: boolean;
}

/**
 * Keras's `CSVLogger`: one row per epoch (0-based `epoch` column, then the
 * logs' keys in sorted order), in Python's `csv.excel` dialect (CRLF line
 * ends) with values written as Python writes floats. Each row is appended
 * whole, so a crash loses at most the row being written.
 */
export class CSVLogger extends Callback {
  readonly filename: string;
  readonly separator: string;
  readonly append: boolean;
  private keys: string[] | undefined;
  private writeHeader = true;

  constructor(filename: string, options: CSVLoggerOptions = {}) {
    super();
    checkPositionalPath('CSVLogger', 'filename', filename);
    checkOptionKeys('CSVLogger', options, ['separator', 'append']);
    this.filename = filename;
    this.separator = options.separator ?? ',';
    this.append = options.append ?? false;
  }

  override async onTrainBegin(): Promise<void> {
    const { fs, path } = await nodeModules();
    await fs.mkdir(path.dirname(this.filename), { recursive: true });
    if (this.append && (await fileExists(this.filename))) {
      // Keras writes the header again only when the existing file is empty.
      const content = await fs.readFile(this.filename, 'utf8');
      this.writeHeader = content.length === 0;
    } else {
      this.writeHeader = true;
      await fs.writeFile(this.filename, '');
    }
    this.keys = undefined;
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    this.keys ??= Object.keys(logs).sort();
    let text = '';
    if (this.writeHeader) {
      text += this.row(['epoch', ...this.keys]);
      this.writeHeader = false;
    }
    const values = this.keys.map((key) => (key in logs ? this.formatValue(logs[key]) : 'NA'));
    text += this.row([String(epoch), ...values]);
    const { fs } = await nodeModules();
    await fs.appendFile(this.filename, text);
  }

  private formatValue(value: unknown): string {
    if (typeof value === 'number') return formatFloatRepr(value);
    if (Array.isArray(value)) return `"[${value.map((item) => formatFloatRepr(Number(item))).join(', ')}]"`;
    return String(value);
  }

  /** Python's csv writer: quote a field holding the separator, a quote or a line break. */
  private row(fields: string[]): string {
    const quoted = fields.map((field) =>
      field.includes(this.separator) || /["\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field,
    );
    return quoted.join(this.separator) + '\r\n';
  }
}
