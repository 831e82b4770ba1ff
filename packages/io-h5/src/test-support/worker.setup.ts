// vitest setupFiles: every test of this package reads HDF5 in the worker, as the built package does in Node.
import { inject } from 'vitest';
import { setHdf5WorkerScript } from '../hdf5/isolate';

setHdf5WorkerScript(inject('hdf5WorkerScript'));
