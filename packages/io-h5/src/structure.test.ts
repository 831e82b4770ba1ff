import { describe, expect, it } from 'vitest';
import { readKerasArchive, writeKerasArchive } from './keras-archive';
import { readLegacyH5, writeLegacyH5 } from './legacy-h5';
import { GOLDEN_MODELS, goldenAvailable, listHdf5, readGoldenBytes, zipMembers } from './test-support/golden-files';
import { readWeightsH5, writeWeightsH5 } from './weights-store';

/**
 * An independent check of our writers: for each golden model we write the
 * same content and walk both files with h5wasm's own API (not our reader),
 * listing every group, dataset and attribute with its HDF5 type, shape and
 * layout. The two listings must be identical.
 */
describe.skipIf(!goldenAvailable)('our writers reproduce the structure of Keras 3.15.1 files', () => {
  for (const model of GOLDEN_MODELS) {
    it(`${model}/model.keras`, async () => {
      const original = readGoldenBytes(model, 'model.keras');
      const archive = await readKerasArchive(original);
      const written = await writeKerasArchive(archive);
      const theirs = await zipMembers(original);
      const ours = await zipMembers(written);
      expect(ours.map(({ name, method }) => ({ name, method }))).toEqual(theirs.map(({ name, method }) => ({ name, method })));
      const decoder = new TextDecoder();
      // Same metadata in, byte-identical metadata.json out (Python's json.dumps spacing).
      expect(decoder.decode(ours[0].bytes)).toBe(decoder.decode(theirs[0].bytes));
      expect(JSON.parse(decoder.decode(ours[1].bytes))).toEqual(JSON.parse(decoder.decode(theirs[1].bytes)));
      expect(await listHdf5(ours[2].bytes)).toEqual(await listHdf5(theirs[2].bytes));
    });

    it(`${model}/model.weights.h5`, async () => {
      const original = readGoldenBytes(model, 'model.weights.h5');
      const written = await writeWeightsH5(await readWeightsH5(original));
      expect(await listHdf5(written)).toEqual(await listHdf5(original));
    });

    it(`${model}/model.h5`, async () => {
      const original = readGoldenBytes(model, 'model.h5');
      const legacy = await readLegacyH5(original);
      const written = await writeLegacyH5(legacy);
      // The configs are compared as parsed JSON: Python writes 1.0 where JavaScript has only 1.
      const jsonAttributes = ['model_config', 'training_config'];
      const theirs = await listHdf5(original, jsonAttributes);
      expect(await listHdf5(written, jsonAttributes)).toEqual(theirs);
      // The listing really does see the details that matter: string kinds and empty-list encoding.
      const modelWeights = theirs['/model_weights'] as { attributes: Record<string, { dtype: string; vlen: boolean }> };
      expect(modelWeights.attributes.layer_names).toMatchObject({ dtype: 'A', vlen: true });
      expect((theirs['/'] as { attributes: Record<string, { dtype: string }> }).attributes.keras_version.dtype).toBe('S');
      expect((theirs['/model_weights/top_level_model_weights'] as { attributes: Record<string, { dtype: string }> }).attributes.weight_names.dtype).toBe('<d');
    });
  }

  it('writes config.json byte for byte as Keras did when the config has no whole-number floats', async () => {
    const original = readGoldenBytes('a_mlp_tutorial', 'model.keras');
    const ours = await zipMembers(await writeKerasArchive(await readKerasArchive(original)));
    const theirs = await zipMembers(original);
    const decoder = new TextDecoder();
    const theirText = decoder.decode(theirs[1].bytes);
    const ourText = decoder.decode(ours[1].bytes);
    // Python's json.dumps keeps "1.0"; JavaScript cannot tell 1.0 from 1. Compare after removing that one difference.
    expect(ourText).toBe(theirText.replace(/(\d)\.0(?=[,\]}])/g, '$1'));
  });
});
