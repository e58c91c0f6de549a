import type { ApolloServerPlugin } from '@apollo/server';
import { ASTVisitor, FragmentDefinitionNode, GraphQLError, Kind, OperationDefinitionNode, SelectionSetNode, ValidationContext, ValueNode } from 'graphql';
import { DomainError } from '../errors/domain-error';
import { toGraphQLError } from '../errors/problem-details.filter';
import { unstorableTextReason } from '../validation/storable-text';

/** The one rule REST, imports and GraphQL share for text PostgreSQL cannot store (NUL, lone surrogates). */
const unstorable = (text: string) => unstorableTextReason(text) !== undefined;

/** Where an unstorable string was found, and the string. */
interface Found {
  path: string;
  text: string;
}

function invalidText({ path, text }: Found, http = false): GraphQLError {
  const reason = unstorableTextReason(text) ?? 'cannot be stored';
  const error = toGraphQLError(DomainError.invalidParameter(path, reason));
  // limit_code survives Apollo's GRAPHQL_VALIDATION_FAILED relabelling (see formatGraphQLError)
  return new GraphQLError(error.message, {
    extensions: { ...error.extensions, limit_code: error.extensions.code, ...(http ? { http: { status: 400 } } : {}) },
  });
}

/** The path of the first unstorable string inside a literal, e.g. `input.phones[0].number`. */
function findInLiteral(value: ValueNode, path: string): Found | undefined {
  if (value.kind === Kind.STRING) return unstorable(value.value) ? { path, text: value.value } : undefined;
  if (value.kind === Kind.LIST) {
    for (const [i, item] of value.values.entries()) {
      const found = findInLiteral(item, `${path}[${i}]`);
      if (found) return found;
    }
  }
  if (value.kind === Kind.OBJECT) {
    for (const field of value.fields) {
      const found = findInLiteral(field.value, `${path}.${field.name.value}`);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The path of the first unstorable string inside a JSON variable value.
 * Iterative: a variable may be nested thousands deep, and overflowing the
 * stack here would turn a bad request into a 500.
 */
function findInValue(root: unknown, rootPath: string): Found | undefined {
  const pending: [unknown, string][] = [[root, rootPath]];
  while (pending.length) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (unstorable(value)) return { path, text: value };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push([value[i], `${path}[${i}]`]);
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value).reverse()) {
        // a key is text too (a JSONObject's keys land in jsonb)
        if (unstorable(key)) return { path: `${path}[${JSON.stringify(key)}]`, text: key };
        pending.push([item, `${path}.${key}`]);
      }
    }
  }
  return undefined;
}

/** Validation rule: a string literal PostgreSQL cannot store is an INVALID_PARAMETER naming its argument path. */
export function storableTextRule(context: ValidationContext): ASTVisitor {
  return {
    Argument(argument) {
      const found = findInLiteral(argument.value, argument.name.value);
      if (found) context.reportError(invalidText(found));
    },
    VariableDefinition(definition) {
      const found = definition.defaultValue && findInLiteral(definition.defaultValue, `$${definition.variable.name.value}`);
      if (found) context.reportError(invalidText(found));
    },
  };
}

/** Where each variable is first used, as an argument path (`input`, `input.phones[0]`), so errors name the argument. */
function variableUses(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): Map<string, string> {
  const uses = new Map<string, string>();
  const seenFragments = new Set<string>();
  const inValue = (value: ValueNode, path: string): void => {
    if (value.kind === Kind.VARIABLE && !uses.has(value.name.value)) uses.set(value.name.value, path);
    if (value.kind === Kind.LIST) value.values.forEach((item, i) => inValue(item, `${path}[${i}]`));
    if (value.kind === Kind.OBJECT) value.fields.forEach((field) => inValue(field.value, `${path}.${field.name.value}`));
  };
  // each fragment once: where a variable is used does not depend on where the fragment is spread
  const inSelections = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seenFragments.has(fragment.name.value)) continue;
        seenFragments.add(fragment.name.value);
        inSelections(fragment.selectionSet);
        continue;
      }
      for (const directive of selection.directives ?? []) directive.arguments?.forEach((a) => inValue(a.value, a.name.value));
      if (selection.kind === Kind.FIELD) selection.arguments?.forEach((a) => inValue(a.value, a.name.value));
      if (selection.selectionSet) inSelections(selection.selectionSet);
    }
  };
  inSelections(operation.selectionSet);
  return uses;
}

/** Apollo plugin: the same rule for variables, once the operation is known and before it runs. */
export const storableVariablesPlugin: ApolloServerPlugin = {
  requestDidStart() {
    return Promise.resolve({
      // eslint-disable-next-line @typescript-eslint/require-await -- Apollo's hook returns a Promise; async turns the refusal thrown below into the rejection Apollo expects
      async didResolveOperation({ document, operation, request }) {
        const variables = request.variables;
        if (!operation || !variables || Object.keys(variables).length === 0) return;
        const fragments = new Map(
          document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
        );
        const uses = variableUses(operation, fragments);
        for (const [name, value] of Object.entries(variables)) {
          const found = findInValue(value, uses.get(name) ?? `$${name}`);
          if (found) throw invalidText(found, true);
        }
      },
    });
  },
};
