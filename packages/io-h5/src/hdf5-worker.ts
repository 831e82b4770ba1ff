/**
 * The HDF5 worker (see hdf5/isolate.ts): loads the HDF5 library, says it is
 * ready, then reads each file it is sent and answers with plain data or the
 * error. Built to dist/hdf5-worker.js; never imported by the package itself.
 */
import { parentPort } from 'node:worker_threads';
import { buffersOf, type Hdf5Job, type Hdf5JobReply, runHdf5Job } from './hdf5/jobs';
import { loadHdf5 } from './hdf5/runtime';

const port = parentPort;
if (port === null) throw new Error('hdf5-worker.js runs as a worker thread of @strata/io-h5; it is not meant to be run on its own.');

port.on('message', async ({ id, job }: { id: number; job: Hdf5Job }) => {
  let reply: Hdf5JobReply;
  try {
    reply = { id, ok: true, result: await runHdf5Job(job) };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    port.postMessage({ id, ok: false, error: { name, message } } satisfies Hdf5JobReply);
    return;
  }
  try {
    // The arrays were made for this reply: hand their memory over rather than copy it.
    port.postMessage(reply, [...buffersOf(reply.result)]);
  } catch {
    port.postMessage(reply);
  }
});

loadHdf5().then(
  () => port.postMessage({ ready: true }),
  (error: unknown) => {
    throw error;
  },
);
