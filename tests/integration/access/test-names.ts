import { readFileSync } from "node:fs";
import ts from "typescript";

/** One test as vitest names it ("describe › … › test"), with the source that can show what it calls. */
export interface DeclaredTest {
  /** The full name, or for it.each a pattern its expanded names match. */
  matches: (fullName: string) => boolean;
  /** The test's own call (for it.each, its whole describe block, where the table of calls usually lives). */
  source: string;
}

const TEST_FUNCTIONS = new Set(["it", "test"]);
const SKIPPED = new Set(["skip", "todo", "fails"]);

const literal = (node: ts.Node | undefined) =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** it.each's name template ("%s is refused", "$name …") as a pattern over the names it expands to. */
function templatePattern(template: string): RegExp {
  const parts = template.split(/(%[sdifjoO#]|\$[A-Za-z_][\w.]*)/);
  return new RegExp(`^${parts.map((part, i) => (i % 2 ? ".+?" : escape(part))).join("")}$`);
}

/** `it`, `it.only`, `it.concurrent`… → "it"; `it.skip`/`it.todo` and anything else → undefined. */
function calleeKind(callee: ts.Expression): { fn: string; each: boolean } | undefined {
  if (ts.isIdentifier(callee)) return { fn: callee.text, each: false };
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && !SKIPPED.has(callee.name.text))
    return { fn: callee.expression.text, each: false };
  if (
    ts.isCallExpression(callee) &&
    ts.isPropertyAccessExpression(callee.expression) &&
    callee.expression.name.text === "each"
  ) {
    const inner = calleeKind(callee.expression.expression);
    return inner && { fn: inner.fn, each: true };
  }
  return undefined;
}

/** Every test declared in a test file (skipped and todo tests are not proof of anything, so left out). */
export function declaredTests(file: string): DeclaredTest[] {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: DeclaredTest[] = [];
  const visit = (node: ts.Node, path: string[], scope: string) => {
    if (ts.isCallExpression(node)) {
      const kind = calleeKind(node.expression);
      const name = literal(node.arguments[0]);
      if (kind && name !== undefined && kind.fn === "describe") {
        for (const arg of node.arguments.slice(1)) visit(arg, [...path, name], node.getText(source));
        return;
      }
      if (kind && name !== undefined && TEST_FUNCTIONS.has(kind.fn)) {
        const prefix = path.map((p) => `${p} › `).join("");
        const pattern = kind.each ? templatePattern(name) : undefined;
        found.push({
          matches: (fullName) =>
            fullName.startsWith(prefix) &&
            (pattern ? pattern.test(fullName.slice(prefix.length)) : fullName === prefix + name),
          source: kind.each ? scope : node.getText(source),
        });
        return;
      }
    }
    ts.forEachChild(node, (child) => visit(child, path, scope));
  };
  visit(source, [], text);
  return found;
}
