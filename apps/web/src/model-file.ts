/**
 * Loading a dropped Keras file (.keras or legacy .h5) from its bytes. This
 * module is imported on the first drop, so the HDF5 library (h5wasm) and the
 * zip reader are only downloaded when someone actually loads a file.
 */
import { saving } from '@strata/keras';
import type { Model } from '@strata/models';

export interface LoadedModel {
  model: Model;
  summary: string;
}

export async function loadModelFile(name: string, bytes: ArrayBuffer): Promise<LoadedModel> {
  if (!/\.(keras|h5|hdf5)$/i.test(name)) {
    throw new Error(`'${name}' is not a Keras model file: expected a name ending in .keras or .h5.`);
  }
  // compile: false — the page only predicts, so neither the optimizer nor its state is needed. The container follows
  // the name, as Keras decides, so a file that is both a zip and an HDF5 file is read the way Keras reads it.
  const container = /\.keras$/i.test(name) ? 'zip' : 'hdf5';
  const model = await saving.loadModel(new Uint8Array(bytes), { compile: false, container });
  return { model, summary: model.summary({ returnString: true, lineLength: 80 }) };
}
