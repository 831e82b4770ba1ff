import { checkOptionKeys } from '@strata/ops/options';
import { Callback, type Logs } from './callback';
import { formatFloatRepr } from './python-format';

export interface RemoteMonitorOptions {
  /** The server's root URL. Default `'http://localhost:9000'`. */
  root?: string;
  /** The path on the server the events are posted to. Default `'/publish/epoch/end/'`. */
  path?: string;
  /** The form field the JSON is sent in (when not `sendAsJson`). Default `'data'`. */
  field?: string;
  /** Extra HTTP headers. */
  headers?: Record<string, string> | null;
  /** Send the JSON as the request body (`application/json`) instead of in a form field. Default `false`. */
  sendAsJson?: boolean;
  /** The fetch to post with. Default the global `fetch` (browsers, Node 18+). */
  fetch?: typeof fetch;
}

/** Python's `json.dumps` of the event: `{"epoch": 0, "loss": 0.5}`, floats as Python writes them. */
function pythonJson(event: Record<string, unknown>): string {
  const value = (item: unknown): string => {
    if (typeof item === 'number') {
      if (Number.isNaN(item)) return 'NaN';
      if (!Number.isFinite(item)) return item > 0 ? 'Infinity' : '-Infinity';
      return formatFloatRepr(item);
    }
    if (Array.isArray(item)) return `[${item.map(value).join(', ')}]`;
    return JSON.stringify(item ?? null);
  };
  const entries = Object.entries(event).map(([key, item]) => `${JSON.stringify(key)}: ${key === 'epoch' ? String(item) : value(item)}`);
  return `{${entries.join(', ')}}`;
}

/**
 * Keras's `RemoteMonitor`: at each epoch's end, posts `{epoch, ...logs}` as
 * JSON to `root + path`, in the form field `field` or (with `sendAsJson`) as
 * the body. A server that cannot be reached is warned about, and training goes on.
 */
export class RemoteMonitor extends Callback {
  readonly root: string;
  readonly path: string;
  readonly field: string;
  readonly headers: Record<string, string> | null;
  readonly sendAsJson: boolean;
  private readonly post: typeof fetch;

  constructor(options: RemoteMonitorOptions = {}) {
    super();
    checkOptionKeys('RemoteMonitor', options, ['root', 'path', 'field', 'headers', 'sendAsJson', 'fetch']);
    this.root = options.root ?? 'http://localhost:9000';
    this.path = options.path ?? '/publish/epoch/end/';
    this.field = options.field ?? 'data';
    this.headers = options.headers ?? null;
    this.sendAsJson = options.sendAsJson ?? false;
    const post = options.fetch ?? (globalThis as { fetch?: typeof fetch }).fetch;
    if (typeof post !== 'function') throw new TypeError('RemoteMonitor needs a fetch function: this runtime has no global fetch, so pass one as the `fetch` option.');
    this.post = post;
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    const json = pythonJson({ epoch, ...logs });
    const headers: Record<string, string> = {
      'Content-Type': this.sendAsJson ? 'application/json' : 'application/x-www-form-urlencoded',
      ...(this.headers ?? {}),
    };
    const body = this.sendAsJson ? json : new URLSearchParams({ [this.field]: json }).toString();
    try {
      await this.post(this.root + this.path, { method: 'POST', headers, body });
    } catch {
      console.warn(`Could not reach RemoteMonitor root server at ${this.root}`);
    }
  }
}
