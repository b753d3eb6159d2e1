// The walk the site's own plugins make over a note's tree: unist-util-visit's order, arguments and
// actions, without its cost per node. unist-util-visit names a new function for every node it
// enters (for readable stack traces) and looks each node's index up in its parent: a walk of a
// generated note's mdast took ~160 µs against ~4 µs for a plain loop, and the plugins walk each
// note a dozen times, a sixth of its render. Semantics kept (tests/unit/walk.test.ts checks them
// against unist-util-visit): pre-order; `SKIP` does not enter the node, `EXIT` ends the walk, a
// number goes on at that index of the parent; a node the visitor replaces in its parent is still
// entered (the replacement is not), and children the visitor gives a node are the ones entered.
import type { Nodes as HastNodes, Parents as HastParents, Root as HastRoot } from 'hast';
import type { Nodes as MdastNodes, Parents as MdastParents, Root as MdastRoot } from 'mdast';
import type { Node, Parent } from 'unist';
import { CONTINUE, EXIT, SKIP } from 'unist-util-visit';

export { CONTINUE, EXIT, SKIP };

type Action = typeof CONTINUE | typeof EXIT | typeof SKIP;
/** What a visitor may return (as with unist-util-visit). */
export type WalkResult = Action | number | [Action, number?] | undefined | void;
export type Walker<T extends Node, P extends Parent = Parent> = (node: T, index: number | undefined, parent: P | undefined) => WalkResult;

/** The nodes and parents of an mdast or hast tree (unist's otherwise). */
type NodesOf<Tree> = Tree extends MdastRoot ? MdastNodes : Tree extends HastRoot ? HastNodes : Node;
type ParentsOf<Tree> = Tree extends MdastRoot ? MdastParents : Tree extends HastRoot ? HastParents : Parent;

/** Visits every node of `tree`, or only those of type `type`, in document order. */
export function walk<Tree extends Node, Type extends string>(
  tree: Tree,
  type: Type,
  visitor: Walker<Extract<NodesOf<Tree>, { type: Type }>, ParentsOf<Tree>>,
): void;
export function walk<Tree extends Node>(tree: Tree, visitor: Walker<NodesOf<Tree>, ParentsOf<Tree>>): void;
export function walk<T extends Node>(tree: Node, typeOrVisitor: string | Walker<T>, maybeVisitor?: Walker<T>): void {
  const type = typeof typeOrVisitor === 'string' ? typeOrVisitor : undefined;
  const visitor = (typeof typeOrVisitor === 'string' ? maybeVisitor : typeOrVisitor)!;
  enter(tree, undefined, undefined, type, visitor);
}

/** Visits `node` and what is below it; returns the action and the index to go on at in the parent. */
function enter<T extends Node>(node: Node, index: number | undefined, parent: Parent | undefined, type: string | undefined, visitor: Walker<T>): [Action | undefined, number | undefined] {
  let action: Action | undefined;
  let next: number | undefined;
  if (type === undefined || node.type === type) {
    const result = visitor(node as T, index, parent);
    if (Array.isArray(result)) [action, next] = result;
    else if (typeof result === 'number') [action, next] = [CONTINUE, result];
    else if (result !== undefined) action = result;
    if (action === EXIT) return [EXIT, next];
  }
  const children = (node as Partial<Parent>).children;
  if (children && action !== SKIP) {
    const self = node as Parent;
    let offset = 0;
    while (offset > -1 && offset < self.children.length) {
      const [childAction, childNext] = enter(self.children[offset]!, offset, self, type, visitor);
      if (childAction === EXIT) return [EXIT, childNext];
      offset = typeof childNext === 'number' ? childNext : offset + 1;
    }
  }
  return [action, next];
}
