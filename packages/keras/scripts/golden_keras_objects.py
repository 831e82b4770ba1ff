"""Keras 3's serialize_keras_object of one object of each kind (fixtures/keras-objects/serialized.json).

  keras-python scripts/golden_keras_objects.py > fixtures/keras-objects/serialized.json
"""

import json

import keras

objects = {
    "dense": keras.layers.Dense(2, name="dense"),
    "loss": keras.losses.MeanSquaredError(),
    "metric": keras.metrics.AUC(),
    "optimizer": keras.optimizers.Adam(),
    "schedule": keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.5),
    "initializer": keras.initializers.GlorotUniform(seed=1),
    "regularizer": keras.regularizers.L2(0.01),
    "constraint": keras.constraints.MaxNorm(2.0),
    "plain": [3, "x", None, True, [1, 2.5]],
}
print(json.dumps({key: keras.saving.serialize_keras_object(value) for key, value in objects.items()}, indent=1))
