// Counts the doc comments on every option field of the layers, losses,
// metrics, optimizers and callbacks packages, and fails on a field without
// one. An option field is a field of an exported type named `*Args`,
// `*Options` or `*Config`, or of an object parameter of an exported class's
// constructor (an inline `{ k?: number }` included). It reads the sources with
// the TypeScript compiler API, so a field inherited from a base interface, an
// `Omit<>` or an intersection is counted once, where it is declared.
//
//   node scripts/check-doc-comments.mjs            # fail on an undocumented field
//   node scripts/check-doc-comments.mjs --list     # print every undocumented field
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHECKED_PACKAGES = ['losses', 'metrics', 'optimizers', 'callbacks', 'layers'];
const OPTION_TYPE_NAME = /(Args|Options|Config)$/;

const sourceRoots = new Map(CHECKED_PACKAGES.map((name) => [join(root, 'packages', name, 'src') + sep, name]));
const packageOf = (file) => {
  for (const [folder, name] of sourceRoots) if (file.startsWith(folder)) return name;
  return undefined;
};

function hasDocComment(declaration) {
  return ts.getJSDocCommentsAndTags(declaration).some((doc) => {
    const text = ts.isJSDoc(doc) ? ts.getTextOfJSDocComment(doc.comment) : undefined;
    return (text ?? '').trim().length > 0;
  });
}

/** Every option field of the checked packages, keyed by where it is declared. */
function optionFields() {
  const entries = CHECKED_PACKAGES.map((name) => join(root, 'packages', name, 'src', 'index.ts'));
  const program = ts.createProgram(entries, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const fields = new Map();

  const addFieldsOf = (type, owner) => {
    for (const part of type.isUnion() ? type.types : [type]) {
      if (!(part.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection))) continue;
      // A class instance (a Layer, a Tensor) or a function is a value, not a bag of options.
      if (part.symbol && part.symbol.flags & ts.SymbolFlags.Class) continue;
      // So is an intersection with a class instance (a cell that is a Layer and has some methods).
      if (part.isIntersection() && part.types.some((t) => t.symbol && t.symbol.flags & ts.SymbolFlags.Class)) continue;
      if (part.getCallSignatures().length > 0) continue;
      for (const property of checker.getPropertiesOfType(part)) {
        for (const declaration of property.declarations ?? []) {
          const file = declaration.getSourceFile().fileName;
          const packageName = packageOf(file);
          // Fields declared in a library (tfjs's types) are documented there.
          if (packageName === undefined) continue;
          const key = `${file}:${declaration.pos}`;
          if (fields.has(key)) continue;
          const { line } = declaration.getSourceFile().getLineAndCharacterOfPosition(declaration.getStart());
          fields.set(key, {
            packageName,
            name: `${owner}.${property.name}`,
            location: `${relative(root, file)}:${line + 1}`,
            documented: hasDocComment(declaration),
          });
        }
      }
    }
  };

  const visitExports = (moduleSymbol, seen) => {
    for (let exported of checker.getExportsOfModule(moduleSymbol)) {
      if (exported.flags & ts.SymbolFlags.Alias) exported = checker.getAliasedSymbol(exported);
      if (seen.has(exported)) continue;
      seen.add(exported);
      const declaration = exported.declarations?.[0];
      if (declaration === undefined || packageOf(declaration.getSourceFile().fileName) === undefined) continue;
      if (exported.flags & ts.SymbolFlags.Module) {
        visitExports(exported, seen); // `export * as schedules from './schedules'`
      } else if (exported.flags & ts.SymbolFlags.Class) {
        const classType = checker.getTypeOfSymbolAtLocation(exported, declaration);
        for (const signature of classType.getConstructSignatures()) {
          for (const parameter of signature.getParameters()) {
            const parameterType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(parameter, declaration));
            addFieldsOf(parameterType, `${exported.name}(${parameter.name})`);
          }
        }
      } else if (exported.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias) && OPTION_TYPE_NAME.test(exported.name)) {
        addFieldsOf(checker.getDeclaredTypeOfSymbol(exported), exported.name);
      }
    }
  };
  const seen = new Set();
  for (const entry of entries) visitExports(checker.getSymbolAtLocation(program.getSourceFile(entry)), seen);
  return [...fields.values()];
}

const list = process.argv.includes('--list');
const fields = optionFields();
let missing = 0;
for (const packageName of CHECKED_PACKAGES) {
  const own = fields.filter((field) => field.packageName === packageName);
  const undocumented = own.filter((field) => !field.documented);
  missing += undocumented.length;
  console.log(`${packageName.padEnd(11)} ${String(own.length - undocumented.length).padStart(4)} of ${String(own.length).padStart(4)} option fields documented`);
  if (list) for (const field of undocumented) console.log(`  ${field.location} ${field.name}`);
}
const share = fields.length === 0 ? 100 : (100 * (fields.length - missing)) / fields.length;
console.log(`Option fields with a doc comment: ${fields.length - missing} of ${fields.length} (${share.toFixed(1)}%)`);
if (missing > 0) {
  console.error(`${missing} option fields have no doc comment; run "node scripts/check-doc-comments.mjs --list" to see them.`);
  process.exit(1);
}
