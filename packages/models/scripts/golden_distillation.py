"""Keras 3.15.1's knowledge distillation on fixed numbers (keras.distillation).

Run from packages/models with real Keras: keras-python scripts/golden_distillation.py
Writes golden/distillation.json: the distillation losses on fixed logits and features, and one
Distiller.train_on_batch on tiny teacher and student models whose initial weights are in the file.
"""
import json
import os

import numpy as np

import keras
from keras import layers
from keras.distillation import Distiller, FeatureDistillation, LogitsDistillation

rng = np.random.RandomState(7)


def arr(shape, scale=1.0):
    return (rng.randn(*shape) * scale).astype("float32")


def tolist(x):
    return np.asarray(keras.ops.convert_to_numpy(x)).tolist()


teacher_logits = arr((3, 4), 2.0)
student_logits = arr((3, 4), 2.0)
teacher_features = arr((3, 5))
student_features = arr((3, 5))

loss_cases = []


def logits_case(name, temperature, loss, spelled):
    d = LogitsDistillation(temperature=temperature, loss=loss)
    value = d.compute_loss(teacher_logits, student_logits)
    loss_cases.append({"name": name, "kind": "logits", "temperature": temperature, "loss": spelled,
                       "value": float(tolist(value)), "config": d.get_config()})


def feature_case(name, loss, spelled):
    d = FeatureDistillation(loss=loss)
    value = d.compute_loss(teacher_features, student_features)
    loss_cases.append({"name": name, "kind": "feature", "loss": spelled, "value": float(tolist(value)),
                       "config": d.get_config()})


# The default string 'kl_divergence' resolves to Keras's kl_divergence function, not the class, so it
# runs on the temperature-scaled logits without softmax; a KLDivergence instance gets softmax and T^2.
logits_case("default", 3.0, "kl_divergence", "kl_divergence")
logits_case("kl_instance_t2", 2.0, keras.losses.KLDivergence(), "KLDivergence")
logits_case("kl_class_name_t4", 4.0, "KLDivergence", "KLDivergence_name")
logits_case("categorical_crossentropy_t4", 4.0, "categorical_crossentropy", "categorical_crossentropy")
logits_case("cce_from_logits_t2", 2.0, keras.losses.CategoricalCrossentropy(from_logits=True), "CategoricalCrossentropy_from_logits")
multi = LogitsDistillation(temperature=3.0, loss=["mse", None])
loss_cases.append({"name": "multi_output", "kind": "logits", "temperature": 3.0, "loss": ["mse", None],
                   "note": "teacher [T, S], student [S, T]",
                   "value": float(tolist(multi.compute_loss([teacher_logits, student_logits],
                                                            [student_logits, teacher_logits]))),
                   "config": multi.get_config()})
feature_case("mse", "mse", "mse")
feature_case("cosine_similarity", "cosine_similarity", "cosine_similarity")
feature_case("mae_instance", keras.losses.MeanAbsoluteError(), "MeanAbsoluteError")

# One Distiller step.
teacher = keras.Sequential([keras.Input((4,)), layers.Dense(6, activation="relu", name="t_hidden"),
                            layers.Dense(5, name="t_feat"), layers.Dense(3, name="t_logits")], name="teacher")
student = keras.Sequential([keras.Input((4,)), layers.Dense(5, activation="tanh", name="s_feat"),
                            layers.Dense(3, name="s_logits")], name="student")
teacher_weights = [arr(w.shape, 0.5) for w in teacher.get_weights()]
student_weights = [arr(w.shape, 0.5) for w in student.get_weights()]
teacher.set_weights(teacher_weights)
student.set_weights(student_weights)
x = arr((6, 4))
y = np.array([0, 2, 1, 1, 0, 2], dtype="int32")
distiller = Distiller(
    teacher=teacher, student=student,
    distillation_losses=[LogitsDistillation(temperature=2.0, loss=keras.losses.KLDivergence()),
                         FeatureDistillation(loss="mse", teacher_layer_name="t_feat", student_layer_name="s_feat")],
    distillation_loss_weights=[1.0, 0.5], student_loss_weight=0.3)
distiller.compile(optimizer=keras.optimizers.SGD(0.1),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
logs = distiller.train_on_batch(x, y, return_dict=True)
logs = {k: float(v) for k, v in logs.items()}
step = {
    "x": x.tolist(), "y": y.tolist(),
    "teacher_weights": [w.tolist() for w in teacher_weights],
    "student_weights": [w.tolist() for w in student_weights],
    "logs": logs,
    "metrics_names": [m.name for m in distiller.metrics],
    "student_weights_after": [w.tolist() for w in student.get_weights()],
    "teacher_weights_after": [w.tolist() for w in teacher.get_weights()],
    "trainable_weights": [w.path for w in distiller.trainable_weights],
}

# The default distiller: one LogitsDistillation() (string kl_divergence), student weight 0.5, evaluate.
default = Distiller(teacher=teacher, student=student, distillation_losses=LogitsDistillation())
default.compile(optimizer="sgd", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
evaluated = default.evaluate(x, y, return_dict=True, verbose=0)
step["default_evaluate"] = {k: float(v) for k, v in evaluated.items()}

out = {
    "keras_version": keras.__version__,
    "teacher_logits": teacher_logits.tolist(), "student_logits": student_logits.tolist(),
    "teacher_features": teacher_features.tolist(), "student_features": student_features.tolist(),
    "losses": loss_cases,
    "distiller_step": step,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden", "distillation.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print(json.dumps({k: v for k, v in out.items() if k == "losses"}, indent=1)[:3000])
print(json.dumps({k: step[k] for k in ("logs", "metrics_names", "trainable_weights", "default_evaluate")}, indent=1))
