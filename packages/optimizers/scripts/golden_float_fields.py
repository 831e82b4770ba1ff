"""Which optimizer and schedule config fields Keras 3 writes as floats (golden/float-fields.json).

  keras-python scripts/golden_float_fields.py > golden/float-fields.json
"""

import json

import keras

O = keras.optimizers
S = keras.optimizers.schedules
objects = [
    O.SGD(momentum=0.5), O.RMSprop(), O.Adam(), O.AdamW(), O.Adagrad(), O.Adadelta(), O.Adamax(), O.Nadam(),
    O.Lion(), O.Ftrl(), O.Lamb(), O.Adafactor(), O.Muon(), O.LossScaleOptimizer(O.SGD()),
    S.ExponentialDecay(0.1, 10, 0.5), S.InverseTimeDecay(0.1, 10, 0.5), S.PolynomialDecay(0.1, 10),
    S.CosineDecay(0.1, 10, warmup_target=0.2, warmup_steps=2), S.CosineDecayRestarts(0.1, 10),
]
fields = {}
for item in objects:
    config = item.get_config()
    fields[type(item).__name__] = sorted(key for key, value in config.items() if isinstance(value, float))
print(json.dumps(fields, indent=1))
