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
import { type Prediction, predictDigit, testAccuracy } from './predict';
import type { DigitSubset } from './subset-format';
import { buildModel, splitTensors, train } from './train';

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const statusLine = element<HTMLParagraphElement>('status');
const trainButton = element<HTMLButtonElement>('train-button');
const stopButton = element<HTMLButtonElement>('stop-button');
const accuracyModel = element<HTMLSpanElement>('accuracy-model');
const accuracyOutput = element<HTMLOutputElement>('test-accuracy');
const predictionOutput = element<HTMLOutputElement>('prediction');
const probabilityList = element<HTMLOListElement>('probabilities');
const activeModelLabel = element<HTMLSpanElement>('active-model');
const summary = element<HTMLPreElement>('model-summary');
const dropZone = element<HTMLButtonElement>('drop-zone');
const fileInput = element<HTMLInputElement>('model-file');

const curve = new LearningCurve(element<HTMLCanvasElement>('curve'));
const pad = new DrawPad(element<HTMLCanvasElement>('draw-pad'), () => void showPrediction());
let subset: DigitSubset | null = null;
let activeModel: { model: Model; label: string } | null = null;
let stopRequested = false;

function setStatus(text: string, state: 'loading' | 'ready' | 'training' | 'done' | 'error'): void {
  statusLine.textContent = text;
  statusLine.dataset.state = state;
  statusLine.classList.toggle('error', state === 'error');
}

function selectedBackend(): BackendName {
  return (document.querySelector<HTMLInputElement>('input[name="backend"]:checked')?.value ?? 'wasm') as BackendName;
}

/**
 * A whole number of at least `min` from the form, or null after telling the person what is wrong (in the status
 * line and on the field itself): a value the model cannot train with is refused, never replaced by a default.
 */
function wholeNumberInput(id: string, label: string, min: number): number | null {
  const input = element<HTMLInputElement>(id);
  const value = Number(input.value);
  const max = input.max === '' ? Number.POSITIVE_INFINITY : Number(input.max);
  const problem =
    input.value.trim() === '' || !Number.isInteger(value) || value < min || value > max
      ? `${label} must be a whole number from ${min}${Number.isFinite(max) ? ` to ${max}` : ''}; got '${input.value}'.`
      : '';
  input.setCustomValidity(problem);
  if (problem) {
    input.reportValidity();
    setStatus(problem, 'error');
    return null;
  }
  return value;
}

/** Starts the picked backend unless it is the one running. */
async function ensureBackend(): Promise<void> {
  const name = selectedBackend();
  if (activeBackend()?.name !== name) await startBackend(name);
}

/** Makes `model` the page's model: the summary, the test accuracy and the predictions all follow it. */
function useModel(model: Model, label: string, summaryText: string): void {
  if (activeModel && activeModel.model !== model) activeModel.model.dispose();
  activeModel = { model, label };
  activeModelLabel.textContent = label;
  summary.textContent = summaryText;
  summary.dataset.model = label;
  void showAccuracy(model, label);
  void showPrediction();
}

function setAccuracy(text: string, label: string, value?: number): void {
  accuracyOutput.textContent = text;
  accuracyModel.textContent = label;
  accuracyOutput.dataset.model = label;
  if (value === undefined) delete accuracyOutput.dataset.value;
  else {
    accuracyOutput.dataset.value = String(value);
    accuracyOutput.dataset.backend = activeBackend()!.name;
  }
}

/** The active model's accuracy on the test split, whichever model it is. */
async function showAccuracy(model: Model, label: string): Promise<void> {
  if (subset === null) return setAccuracy('– (no test images in this build)', label);
  try {
    const accuracy = await testAccuracy(model, subset.test);
    if (activeModel?.model === model) setAccuracy(accuracy.toFixed(4), label, accuracy);
  } catch (error) {
    if (activeModel?.model === model) setAccuracy(`– (${(error as Error).message})`, label);
  }
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
  const epochs = wholeNumberInput('epochs', 'Epochs', 1);
  const count = wholeNumberInput('train-count', 'Training images', 32);
  if (epochs === null || count === null) return;
  trainButton.disabled = true;
  stopButton.disabled = false;
  stopRequested = false;
  setAccuracy('–', 'training…');
  const tensors: tf.Tensor[] = [];
  try {
    setStatus(`Starting the ${selectedBackend()} backend…`, 'training');
    await ensureBackend();
    const backend = describeBackend(activeBackend()!);
    const batchSize = 32;
    const [x, y] = splitTensors(subset.train, count);
    tensors.push(x, y);
    const model = buildModel();
    curve.reset(epochs);
    const started = performance.now();
    setStatus(`Training on ${x.shape[0]} images (a tenth held out for validation), ${epochs} epoch(s), ${backend}…`, 'training');
    const result = await train(model, x, y, {
      epochs,
      batchSize,
      reportEvery: Math.max(1, Math.round(x.shape[0] / batchSize / 8)),
      shouldStop: () => stopRequested,
      onPoint: (point, kind) => {
        curve.add(point);
        if (kind === 'epoch' && point.set === 'validation') {
          setStatus(
            `Epoch ${point.epoch}/${epochs}: validation loss ${point.loss.toFixed(4)}, validation accuracy ${point.accuracy.toFixed(4)} (${backend})`,
            'training',
          );
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const how = result.stopped ? `Stopped in epoch ${result.epochs} of ${epochs}` : `Trained ${epochs} epoch(s)`;
    setStatus(`${how} on ${x.shape[0]} images in ${seconds.toFixed(1)} s (${backend}).`, 'done');
    useModel(model, `trained here (${backend})`, model.summary({ returnString: true, lineLength: 80 }));
  } catch (error) {
    setStatus(`Training failed: ${(error as Error).message}`, 'error');
  } finally {
    for (const t of tensors) t.dispose();
    trainButton.disabled = false;
    stopButton.disabled = true;
  }
}

async function loadFile(file: File): Promise<void> {
  summary.textContent = `Reading ${file.name}…`;
  delete summary.dataset.loaded;
  try {
    await ensureBackend();
    const { loadModelFile } = await import('./model-file');
    const loaded = await loadModelFile(file.name, await file.arrayBuffer());
    useModel(loaded.model, file.name, loaded.summary);
    summary.dataset.loaded = file.name;
  } catch (error) {
    summary.textContent = `Could not load ${file.name}: ${(error as Error).message}`;
  }
}

function wireControls(): void {
  trainButton.addEventListener('click', () => void runTraining());
  stopButton.addEventListener('click', () => {
    stopRequested = true;
    stopButton.disabled = true;
    setStatus('Stopping after the current batch…', 'training');
  });
  for (const id of ['epochs', 'train-count']) {
    element<HTMLInputElement>(id).addEventListener('input', (event) => (event.target as HTMLInputElement).setCustomValidity(''));
  }
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
  // The file input is hidden; the drop zone is a button, so a click, Enter or Space opens the file chooser.
  dropZone.addEventListener('click', () => fileInput.click());
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
