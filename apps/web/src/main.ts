/**
 * The page: train on the MNIST subset with a live curve, draw a digit and see
 * what the active model predicts, or drop a Keras file and use that model.
 */
import { type BackendName, activeBackend } from '@strata/backend';
import type { Model } from '@strata/models';
import type * as tf from '@tensorflow/tfjs-core';
import { describeBackend, startBackend, webGpuAvailability } from './backends';
import { LearningCurve } from './curve';
import { fetchSubset } from './data';
import { DrawPad } from './draw-pad';
import { type Prediction, predictDigit } from './predict';
import type { DigitSubset } from './subset-format';
import { buildModel, evaluate, splitTensors, train } from './train';

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const statusLine = element<HTMLParagraphElement>('status');
const trainButton = element<HTMLButtonElement>('train-button');
const accuracyOutput = element<HTMLOutputElement>('test-accuracy');
const predictionOutput = element<HTMLOutputElement>('prediction');
const probabilityList = element<HTMLOListElement>('probabilities');
const activeModelLabel = element<HTMLSpanElement>('active-model');
const summary = element<HTMLPreElement>('model-summary');
const dropZone = element<HTMLLabelElement>('drop-zone');
const fileInput = element<HTMLInputElement>('model-file');

const curve = new LearningCurve(element<HTMLCanvasElement>('curve'));
const pad = new DrawPad(element<HTMLCanvasElement>('draw-pad'), () => void showPrediction());
let subset: DigitSubset | null = null;
let activeModel: { model: Model; label: string } | null = null;

function setStatus(text: string, state: 'loading' | 'ready' | 'training' | 'done' | 'error'): void {
  statusLine.textContent = text;
  statusLine.dataset.state = state;
  statusLine.classList.toggle('error', state === 'error');
}

function selectedBackend(): BackendName {
  return (document.querySelector<HTMLInputElement>('input[name="backend"]:checked')?.value ?? 'wasm') as BackendName;
}

function numberInput(id: string, fallback: number): number {
  const value = Number(element<HTMLInputElement>(id).value);
  return Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

/** Starts the picked backend unless it is the one running. */
async function ensureBackend(): Promise<void> {
  const name = selectedBackend();
  if (activeBackend()?.name !== name) await startBackend(name);
}

function useModel(model: Model, label: string): void {
  if (activeModel && activeModel.model !== model) activeModel.model.dispose();
  activeModel = { model, label };
  activeModelLabel.textContent = label;
  void showPrediction();
}

function renderPrediction(prediction: Prediction): void {
  predictionOutput.textContent = String(prediction.digit);
  predictionOutput.dataset.value = String(prediction.digit);
  probabilityList.replaceChildren(
    ...prediction.probabilities.map((probability, digit) => {
      const item = document.createElement('li');
      item.classList.toggle('top', digit === prediction.digit);
      const bar = document.createElement('span');
      bar.className = 'bar';
      bar.style.width = `${Math.round(probability * 160)}px`;
      item.append(`${digit}`, bar, `${(probability * 100).toFixed(1)}%`);
      return item;
    }),
  );
}

async function showPrediction(): Promise<void> {
  const pixels = pad.pixels();
  if (pixels === null) return;
  if (activeModel === null) {
    predictionOutput.textContent = 'train a model or load a file first';
    return;
  }
  try {
    renderPrediction(await predictDigit(activeModel.model, pixels));
  } catch (error) {
    predictionOutput.textContent = (error as Error).message;
    delete predictionOutput.dataset.value;
  }
}

async function runTraining(): Promise<void> {
  if (subset === null) return;
  trainButton.disabled = true;
  accuracyOutput.textContent = '–';
  delete accuracyOutput.dataset.value;
  const tensors: tf.Tensor[] = [];
  try {
    setStatus(`Starting the ${selectedBackend()} backend…`, 'training');
    await ensureBackend();
    const backend = describeBackend(activeBackend()!);
    const epochs = numberInput('epochs', 5);
    const batchSize = 32;
    const [x, y] = splitTensors(subset.train, numberInput('train-count', subset.train.count));
    const [xTest, yTest] = splitTensors(subset.test);
    tensors.push(x, y, xTest, yTest);
    const steps = Math.ceil(x.shape[0] / batchSize);
    const model = buildModel();
    curve.reset(epochs);
    const started = performance.now();
    setStatus(`Training on ${x.shape[0]} images, ${epochs} epoch(s), ${backend}…`, 'training');
    await train(model, x, y, {
      epochs,
      batchSize,
      reportEvery: Math.max(1, Math.round(steps / 8)),
      onPoint: (point, kind) => {
        curve.add(point);
        if (kind === 'epoch') {
          setStatus(
            `Epoch ${point.epoch}/${epochs}: loss ${point.loss.toFixed(4)}, accuracy ${point.accuracy.toFixed(4)} (${backend})`,
            'training',
          );
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const result = await evaluate(model, xTest, yTest);
    accuracyOutput.textContent = result.accuracy.toFixed(4);
    accuracyOutput.dataset.value = String(result.accuracy);
    accuracyOutput.dataset.backend = activeBackend()!.name;
    setStatus(
      `Trained on ${x.shape[0]} images in ${seconds.toFixed(1)} s (${backend}); ` +
        `test loss ${result.loss.toFixed(4)} on ${xTest.shape[0]} test images.`,
      'done',
    );
    useModel(model, `trained here (${backend})`);
  } catch (error) {
    setStatus(`Training failed: ${(error as Error).message}`, 'error');
  } finally {
    for (const t of tensors) t.dispose();
    trainButton.disabled = false;
  }
}

async function loadFile(file: File): Promise<void> {
  summary.textContent = `Reading ${file.name}…`;
  delete summary.dataset.loaded;
  try {
    await ensureBackend();
    const { loadModelFile } = await import('./model-file');
    const loaded = await loadModelFile(file.name, await file.arrayBuffer());
    summary.textContent = loaded.summary;
    summary.dataset.loaded = file.name;
    useModel(loaded.model, file.name);
  } catch (error) {
    summary.textContent = `Could not load ${file.name}: ${(error as Error).message}`;
  }
}

function wireControls(): void {
  trainButton.addEventListener('click', () => void runTraining());
  element<HTMLButtonElement>('clear-button').addEventListener('click', () => {
    pad.clear();
    predictionOutput.textContent = '–';
    delete predictionOutput.dataset.value;
    probabilityList.replaceChildren();
  });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) void loadFile(file);
  });
  dropZone.addEventListener('dragover', (event) => {
    event.preventDefault();
    dropZone.classList.add('over');
  });
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('over'));
  dropZone.addEventListener('drop', (event) => {
    event.preventDefault();
    dropZone.classList.remove('over');
    const file = event.dataTransfer?.files[0];
    if (file) void loadFile(file);
  });
}

async function start(): Promise<void> {
  wireControls();
  const webgpu = await webGpuAvailability();
  const webgpuRadio = document.querySelector<HTMLInputElement>('input[name="backend"][value="webgpu"]')!;
  webgpuRadio.disabled = !webgpu.available;
  webgpuRadio.dataset.available = String(webgpu.available);
  element<HTMLSpanElement>('webgpu-note').textContent = webgpu.note;
  try {
    subset = await fetchSubset();
    element<HTMLInputElement>('train-count').max = String(subset.train.count);
    setStatus(`MNIST subset loaded: ${subset.train.count} training and ${subset.test.count} test images. Pick a backend and train.`, 'ready');
    trainButton.disabled = false;
  } catch (error) {
    setStatus((error as Error).message, 'error');
  }
}

void start();
