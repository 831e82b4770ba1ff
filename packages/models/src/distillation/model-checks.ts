import { type Shape, formatShape, isShapeList } from '@strata/layers';
import { ValueError } from '../errors';
import type { Model } from '../model';

function assertShapesCompatible(teacher: Shape, student: Shape, context: string): void {
  if (teacher.length !== student.length) {
    throw new ValueError(
      `Teacher and student ${context} shapes have different dimensions. Teacher: ${formatShape(teacher)}, Student: ${formatShape(student)}.`,
    );
  }
  teacher.forEach((dim, i) => {
    const other = student[i];
    if (dim !== null && other !== null && dim !== other) {
      throw new ValueError(
        `Teacher and student ${context} shapes are incompatible. Teacher: ${formatShape(teacher)}, Student: ${formatShape(student)}. All dimensions must match.`,
      );
    }
  });
}

/** The output shapes of a model whose input shapes are known (functional or Sequential with an input), else null. */
function outputShapes(model: Model): Shape[] | null {
  if (model.outputs.length > 0) return model.outputs.map((o) => o.shape);
  const specs = model.inputSpecs();
  if (!specs || specs.some((s) => s.shape === null)) return null;
  try {
    const shape = model.computeOutputShape(specs.length === 1 ? (specs[0].shape as Shape) : specs.map((s) => s.shape as Shape));
    return isShapeList(shape) ? shape : [shape as Shape];
  } catch {
    return null;
  }
}

/**
 * Keras's Distiller `_validate_models`: where both models declare their
 * inputs, the teacher's and the student's input and output shapes must agree
 * (free axes match anything) and their input dtypes must be the same.
 */
export function checkModelsMatch(teacher: Model, student: Model): void {
  const teacherInputs = teacher.inputSpecs();
  const studentInputs = student.inputSpecs();
  if (!teacherInputs || !studentInputs) return;
  if (teacherInputs.length !== studentInputs.length) {
    throw new ValueError(`The teacher takes ${teacherInputs.length} input(s) and the student ${studentInputs.length}; they must take the same inputs.`);
  }
  teacherInputs.forEach((t, i) => {
    const s = studentInputs[i];
    if (t.shape && s.shape) assertShapesCompatible(t.shape, s.shape, 'input');
    if (t.dtype !== s.dtype) throw new ValueError(`Teacher and student input dtypes must match. Teacher: ${t.dtype}, Student: ${s.dtype}.`);
  });
  const teacherOutputs = outputShapes(teacher);
  const studentOutputs = outputShapes(student);
  if (!teacherOutputs || !studentOutputs) return;
  if (teacherOutputs.length !== studentOutputs.length) {
    throw new ValueError(`The teacher has ${teacherOutputs.length} output(s) and the student ${studentOutputs.length}; they must have the same outputs.`);
  }
  teacherOutputs.forEach((t, i) => assertShapesCompatible(t, studentOutputs[i], 'output'));
}
