"""The W1, W2 and W3 training loops in PyTorch (on --threads threads): a reference for
what this machine can do, next to Strata and tfjs-layers (apps/bench).

Prints one JSON object: {"torchVersion", "threads", "rows": [...]}.
"""
import argparse
import gzip
import json
import os
import statistics
import time

import torch

EPOCH_SAMPLES = 60_000


def load_images(data_dir, folder, count):
    """The first `count` training images and labels of the IDX files, or None when they are not there."""
    if data_dir is None:
        return None
    base = os.path.join(data_dir, folder)
    try:
        with gzip.open(os.path.join(base, 'train-images-idx3-ubyte.gz')) as f:
            images = f.read()
        with gzip.open(os.path.join(base, 'train-labels-idx1-ubyte.gz')) as f:
            labels = f.read()
    except OSError:
        return None
    x = torch.frombuffer(bytearray(images[16:16 + count * 784]), dtype=torch.uint8).float().div(255).reshape(count, 784)
    y = torch.frombuffer(bytearray(labels[8:8 + count]), dtype=torch.uint8).long()
    return x, y


def workload(name):
    """Model, optimizer and loss as in workloads.ts (Keras defaults: Adam/RMSprop lr 1e-3, epsilon 1e-7, rho 0.9)."""
    if name == 'W1':
        model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
        return model, torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7), 32, 'fashion-mnist', False
    if name == 'W3':
        # Tutorial 000's CNN, in torch's channels-first layout; logits into CrossEntropyLoss as softmax + sparse CE.
        model = torch.nn.Sequential(
            torch.nn.Unflatten(1, (1, 28, 28)),
            torch.nn.Conv2d(1, 32, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
            torch.nn.Conv2d(32, 64, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
            torch.nn.Conv2d(64, 64, 3), torch.nn.ReLU(), torch.nn.Flatten(),
            torch.nn.Linear(64 * 3 * 3, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))
        return model, torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7), 32, 'fashion-mnist', False
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 512), torch.nn.ReLU(), torch.nn.Linear(512, 512), torch.nn.ReLU(), torch.nn.Linear(512, 10))
    return model, torch.optim.RMSprop(model.parameters(), lr=1e-3, alpha=0.9, eps=1e-7), 256, 'mnist', True


def run(name, steps, warmup, rounds, data_dir):
    model, optimizer, batch, folder, one_hot = workload(name)
    count = max(steps, warmup) * batch
    data = load_images(data_dir, folder, count)
    x, y = data if data else (torch.rand(count, 784), torch.randint(0, 10, (count,)))
    # W2 trains on one-hot labels, as in Keras's categorical cross-entropy; CrossEntropyLoss takes probabilities too.
    targets = torch.nn.functional.one_hot(y, 10).float() if one_hot else y
    loss_fn = torch.nn.CrossEntropyLoss()

    def epoch(n):
        order = torch.randperm(n * batch)
        for step in range(n):
            index = order[step * batch:(step + 1) * batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x[index]), targets[index])
            loss.backward()
            optimizer.step()
        return loss.item()

    epoch(warmup)
    seconds = []
    for _ in range(rounds):
        start = time.perf_counter()
        epoch(steps)
        seconds.append(time.perf_counter() - start)
    per_step = statistics.median(seconds) / steps
    return {
        'workload': name,
        'batchSize': batch,
        'samplesPerSecond': batch / per_step,
        'secondsPerStep': per_step,
        'secondsPerEpoch': per_step * -(-EPOCH_SAMPLES // batch),
        'realData': data is not None,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--workloads', default='W1,W2')
    parser.add_argument('--steps', type=int, default=50)
    parser.add_argument('--warmup', type=int, default=2)
    parser.add_argument('--rounds', type=int, default=3)
    parser.add_argument('--data-dir')
    parser.add_argument('--threads', type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    rows = [run(name, args.steps, args.warmup, args.rounds, args.data_dir) for name in args.workloads.split(',')]
    print(json.dumps({'torchVersion': torch.__version__, 'threads': torch.get_num_threads(), 'rows': rows}))


if __name__ == '__main__':
    main()
