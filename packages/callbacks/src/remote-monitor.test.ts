import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RemoteMonitor } from './remote-monitor';

interface Received {
  url: string;
  contentType: string;
  token: string;
  body: string;
}

/** A local HTTP server that records what it is posted. */
async function withServer(run: (root: string, received: Received[]) => Promise<void>): Promise<void> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ url: request.url ?? '', contentType: String(request.headers['content-type']), token: String(request.headers['x-token'] ?? ''), body });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, received);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

afterEach(() => vi.restoreAllMocks());

describe('RemoteMonitor', () => {
  it('posts {epoch, ...logs} in the form field `data`, as Python json.dumps writes it (floats with a point)', async () => {
    await withServer(async (root, received) => {
      const monitor = new RemoteMonitor({ root, headers: { 'X-Token': 'secret' } });
      await monitor.onEpochEnd(0, { loss: 0.25, accuracy: 1, val_loss: Number.NaN });
      await monitor.onEpochEnd(1, { loss: 1e-5 });
      expect(received.map((r) => [r.url, r.contentType, r.token])).toEqual([
        ['/publish/epoch/end/', 'application/x-www-form-urlencoded', 'secret'],
        ['/publish/epoch/end/', 'application/x-www-form-urlencoded', 'secret'],
      ]);
      expect(new URLSearchParams(received[0].body).get('data')).toBe('{"epoch": 0, "loss": 0.25, "accuracy": 1.0, "val_loss": NaN}');
      expect(new URLSearchParams(received[1].body).get('data')).toBe('{"epoch": 1, "loss": 1e-05}');
    });
  });

  it('sends the JSON as the body with sendAsJson, to root + path', async () => {
    await withServer(async (root, received) => {
      const monitor = new RemoteMonitor({ root, path: '/events', sendAsJson: true });
      await monitor.onEpochEnd(3, { loss: 2 });
      expect(received).toEqual([{ url: '/events', contentType: 'application/json', token: '', body: '{"epoch": 3, "loss": 2.0}' }]);
      expect(JSON.parse(received[0].body)).toEqual({ epoch: 3, loss: 2 });
    });
  });

  it('warns, as Keras, when the server cannot be reached, and training goes on', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const monitor = new RemoteMonitor({ root: 'http://127.0.0.1:1' });
    await expect(monitor.onEpochEnd(0, { loss: 1 })).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith('Could not reach RemoteMonitor root server at http://127.0.0.1:1');
  });

  it("refuses Keras's snake_case option names, naming the camelCase one", () => {
    expect(() => new RemoteMonitor({ send_as_json: true } as never)).toThrow(/send_as_json.*sendAsJson/);
  });
});
