import { NestedStack, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

type Json = unknown;

/** Replaces, deep in a template fragment, every node `replace` returns a value for. */
function substitute(node: Json, replace: (node: Record<string, Json>) => Json | undefined): Json {
  if (Array.isArray(node)) return node.map((item) => substitute(item, replace));
  if (node === null || typeof node !== 'object') return node;
  const replaced = replace(node as Record<string, Json>);
  if (replaced !== undefined) return replaced;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, substitute(value, replace)]));
}

/** The nested stacks whose parent is `stack`. */
export function nestedStacksOf(stack: Stack): NestedStack[] {
  return stack.node
    .findAll()
    .filter(
      (child): child is NestedStack => NestedStack.isNestedStack(child) && child.nestedStackParent === stack,
    );
}

/**
 * The stack's template with its nested stacks folded in, as if it were one stack: the nested stacks'
 * resources join the parent's, a nested `Ref` to a stack parameter becomes the value the parent passes,
 * and a parent's `Fn::GetAtt` of a nested output becomes that output's value. The API stack keeps its
 * functions in a nested stack only for CloudFormation's 500-resource quota; tests of what it deploys read
 * it whole through this. Throws if a logical ID occurs in two of the templates.
 */
export function stackTemplate(stack: Stack): Template {
  const parent = Template.fromStack(stack).toJSON() as { Resources: Record<string, Record<string, Json>> };
  const resources: Record<string, Json> = { ...parent.Resources };
  const outputsByStack = new Map<string, Record<string, Json>>();
  for (const nested of nestedStacksOf(stack)) {
    const logicalId = stack.resolve(
      (nested.nestedStackResource as unknown as { logicalId: string }).logicalId,
    );
    const stackResource = parent.Resources[logicalId] as {
      Properties?: { Parameters?: Record<string, Json> };
    };
    const parameters = stackResource.Properties?.Parameters ?? {};
    const inner = substitute(stackTemplate(nested).toJSON(), (node) => {
      const ref = node.Ref;
      return typeof ref === 'string' && ref in parameters ? parameters[ref] : undefined;
    }) as { Resources: Record<string, Json>; Outputs?: Record<string, { Value: Json }> };
    for (const [id, resource] of Object.entries(inner.Resources)) {
      if (id in resources) throw new Error(`Logical ID ${id} is in ${nested.node.path} and its parent`);
      resources[id] = resource;
    }
    outputsByStack.set(
      logicalId,
      Object.fromEntries(Object.entries(inner.Outputs ?? {}).map(([name, output]) => [name, output.Value])),
    );
    delete resources[logicalId];
  }
  const folded = substitute(resources, (node) => {
    const getAtt = node['Fn::GetAtt'];
    if (!Array.isArray(getAtt)) return undefined;
    const [id, attribute] = getAtt as [string, string];
    const outputs = outputsByStack.get(id);
    if (!outputs || !attribute.startsWith('Outputs.')) return undefined;
    return outputs[attribute.slice('Outputs.'.length)];
  }) as Record<string, Json>;
  return Template.fromJSON({ ...parent, Resources: folded });
}
