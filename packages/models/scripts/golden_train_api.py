"""fit with Keras 3.15.1 on a Dense(2) regression, for the training settings of issue 16: an optimizer with
use_ema (fit finalizes the weights to their averages), callbacks.SwapEMAWeights (validation on the EMA weights;
swap_on_epoch), and keras.config.set_max_epochs / set_max_steps_per_epoch. Writes golden/train-api.json.
Run from packages/models: keras-python scripts/golden_train_api.py
"""
import json
import math

import keras
import numpy as np

x = np.array([[math.sin(i * 1.7 + j * 0.9) for j in range(3)] for i in range(8)], "float32")
y = np.array([[math.cos(i * 0.8 + j * 2.1) for j in range(2)] for i in range(8)], "float32")
x_val = np.array([[math.sin(i * 0.6 - j * 1.3) for j in range(3)] for i in range(4)], "float32")
y_val = np.array([[math.cos(i * 1.1 + j) for j in range(2)] for i in range(4)], "float32")
kernel = np.array([[0.2, -0.5], [0.7, 0.1], [-0.3, 0.4]], "float32")
bias = np.array([0.05, -0.1], "float32")


def flat(values):
    return [keras.ops.convert_to_numpy(v).reshape(-1).tolist() for v in values]


class Recorder(keras.callbacks.Callback):
    """The weights that the callbacks after SwapEMAWeights see at each epoch's end."""

    def __init__(self):
        super().__init__()
        self.seen = []

    def on_epoch_end(self, epoch, logs=None):
        self.seen.append(flat(self.model.get_weights()))


def run(name, optimizer, callbacks=(), epochs=3, validation=True):
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    model.set_weights([kernel, bias])
    model.compile(optimizer=optimizer, loss="mse")
    recorder = Recorder()
    history = model.fit(
        x, y, batch_size=4, epochs=epochs, shuffle=False, verbose=0,
        validation_data=(x_val, y_val) if validation else None, callbacks=[*callbacks, recorder],
    )
    return {
        "name": name,
        "optimizer": keras.saving.serialize_keras_object(optimizer),
        "history": {key: [float(v) for v in values] for key, values in history.history.items()},
        "epoch_end_weights": recorder.seen,
        "final_weights": flat(model.get_weights()),
        "iterations": int(keras.ops.convert_to_numpy(optimizer.iterations)),
    }


def ema_sgd():
    return keras.optimizers.SGD(learning_rate=0.1, use_ema=True, ema_momentum=0.5)


cases = [
    run("ema_no_callback", ema_sgd()),
    run("swap_ema_weights", ema_sgd(), [keras.callbacks.SwapEMAWeights()]),
    run("swap_ema_weights_on_epoch", ema_sgd(), [keras.callbacks.SwapEMAWeights(swap_on_epoch=True)]),
]
keras.config.set_max_epochs(2)
keras.config.set_max_steps_per_epoch(1)
cases.append(run("max_epochs_2_max_steps_1", keras.optimizers.SGD(learning_rate=0.1), epochs=5, validation=False))
keras.config.set_max_epochs(None)
keras.config.set_max_steps_per_epoch(None)

data = {"x": x.tolist(), "y": y.tolist(), "x_val": x_val.tolist(), "y_val": y_val.tolist(), "kernel": kernel.tolist(), "bias": bias.tolist()}
with open("golden/train-api.json", "w") as handle:
    json.dump({"generator": "scripts/golden_train_api.py", "keras": keras.__version__, "data": data, "cases": cases}, handle)
    handle.write("\n")
print(len(cases), "cases")
