// An independent reading of PowerShell command lines, for mbxctl's oracle test.
//
// tree-sitter-powershell (a grammar written apart from PowerShell and from mbxctl) parses each
// line; this script walks the concrete syntax tree and evaluates the constant arguments itself:
// string literals, the parenthesized concatenation mbxctl renders, integers, $true/$false/$null,
// arrays, @( ) and @{Add=...;Remove=...}. Anything else is reported as "unknown" with its node
// type, never guessed.
//
// Usage: node oracle.cjs INPUT.json  — INPUT is a JSON array of lines; prints a JSON array with,
// per line, { error: bool, commands: [{ name, params: [{ name, colon, value }] }] }.
'use strict';

const fs = require('fs');
const path = require('path');
const { Parser, Language } = require('web-tree-sitter');

const PASS_THROUGH = new Set([
  'pipeline', 'pipeline_chain', 'logical_expression', 'bitwise_expression', 'comparison_expression',
  'multiplicative_expression', 'format_expression', 'range_expression', 'unary_expression',
  'statement_list', 'array_literal_expression', 'additive_expression',
]);

// Descends through single-child wrapper nodes of the expression grammar.
function unwrap(node) {
  while (PASS_THROUGH.has(node.type) && node.namedChildCount === 1) {
    node = node.namedChildren[0];
  }
  return node;
}

const BACKTICK = { '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

function verbatim(text) {
  // tree-sitter-powershell delimits verbatim strings with the ASCII quote only.
  return text.slice(1, -1).split("''").join("'");
}

function expandable(text) {
  const body = text.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '`' && i + 1 < body.length) {
      const n = body[++i];
      out += Object.prototype.hasOwnProperty.call(BACKTICK, n) ? BACKTICK[n] : n;
    } else if (c === '$' && i + 1 < body.length && /[\p{L}\p{N}_:?^${(]/u.test(body[i + 1])) {
      return null; // expands at run time
    } else if (c === '"' && body[i + 1] === '"') {
      out += '"';
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

const unknown = (node) => ({ t: 'unknown', type: node.type, text: node.text });

// Evaluates an expression node to { t: 'str' | 'char' | 'int' | 'bool' | 'null' | 'list' | 'ar' | 'unknown' }.
function evaluate(node) {
  node = unwrap(node);
  switch (node.type) {
    case 'string_literal': {
      const inner = node.namedChildren[0];
      if (!inner) return unknown(node);
      if (inner.type === 'verbatim_string_characters') return { t: 'str', v: verbatim(inner.text) };
      if (inner.type === 'expandable_string_literal') {
        const v = expandable(inner.text);
        return v === null ? unknown(node) : { t: 'str', v };
      }
      return unknown(node);
    }
    case 'integer_literal': {
      const inner = node.namedChildren[0];
      if (inner && inner.type === 'decimal_integer_literal') return { t: 'int', v: BigInt(inner.text).toString() };
      if (inner && inner.type === 'hexadecimal_integer_literal') return { t: 'int', v: BigInt(inner.text).toString() };
      return unknown(node);
    }
    case 'variable': {
      const name = node.text.toLowerCase();
      if (name === '$true') return { t: 'bool', v: true };
      if (name === '$false') return { t: 'bool', v: false };
      if (name === '$null') return { t: 'null' };
      return unknown(node);
    }
    case 'generic_token':
      return { t: 'str', v: node.text };
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((c) => c.type === 'pipeline');
      return inner ? evaluate(inner) : unknown(node);
    }
    case 'additive_expression': {
      const kids = node.children;
      if (kids.length !== 3 || kids[1].type !== '+') return unknown(node);
      const left = evaluate(kids[0]);
      const right = evaluate(kids[2]);
      if (left.t !== 'str' || (right.t !== 'str' && right.t !== 'char')) return unknown(node);
      return { t: 'str', v: left.v + right.v };
    }
    case 'expression_with_unary_operator': {
      const kids = node.children;
      if (kids.length === 2 && kids[0].type === '-') {
        const v = evaluate(kids[1]);
        if (v.t === 'int') return { t: 'int', v: (-BigInt(v.v)).toString() };
      }
      if (kids.length === 1 && kids[0].type === 'cast_expression') return evaluate(kids[0]);
      return unknown(node);
    }
    case 'cast_expression': {
      const type = node.namedChildren.find((c) => c.type === 'type_literal');
      const operand = node.namedChildren.find((c) => c.type !== 'type_literal');
      if (!type || !operand || !/^\[char\]$/i.test(type.text)) return unknown(node);
      const v = evaluate(operand);
      if (v.t !== 'int') return unknown(node);
      return { t: 'char', v: String.fromCharCode(Number(v.v)) };
    }
    case 'array_literal_expression': {
      const items = node.namedChildren.map(evaluate);
      return asList(items) || unknown(node);
    }
    case 'array_expression': {
      const list = node.namedChildren.find((c) => c.type === 'statement_list');
      const items = [];
      for (const stmt of list ? list.namedChildren : []) {
        if (stmt.type === 'empty_statement') continue;
        const v = evaluate(stmt);
        if (v.t === 'list') items.push(...v.v);
        else if (v.t === 'str' || v.t === 'int') items.push(v.v);
        else return unknown(node);
      }
      return { t: 'list', v: items };
    }
    case 'hash_literal_expression': {
      const body = node.namedChildren.find((c) => c.type === 'hash_literal_body');
      const out = { t: 'ar', add: [], remove: [] };
      for (const entry of body ? body.namedChildren : []) {
        if (entry.type !== 'hash_entry') return unknown(node);
        const key = entry.namedChildren.find((c) => c.type === 'key_expression');
        const value = entry.namedChildren.find((c) => c.type === 'pipeline');
        if (!key || !value) return unknown(node);
        const v = evaluate(value);
        const list = v.t === 'list' ? v.v : v.t === 'str' ? [v.v] : null;
        if (!list) return unknown(node);
        const k = key.text.toLowerCase();
        if (k === 'add') out.add = list;
        else if (k === 'remove') out.remove = list;
        else return unknown(node);
      }
      return out;
    }
    default:
      return unknown(node);
  }
}

function asList(items) {
  if (items.length === 1) return items[0];
  const strs = [];
  for (const it of items) {
    if (it.t === 'str') strs.push(it.v);
    else if (it.t === 'int') strs.push(it.v);
    else return null;
  }
  return { t: 'list', v: strs };
}

function commands(root) {
  const out = [];
  const walk = (node) => {
    if (node.type === 'command') out.push(command(node));
    for (const c of node.namedChildren) walk(c);
  };
  walk(root);
  return out;
}

function command(node) {
  const name = node.childForFieldName('command_name');
  const elements = node.childForFieldName('command_elements');
  const params = [];
  let pending = null;
  let colonPending = null;
  let last = null;
  for (const el of elements ? elements.namedChildren : []) {
    const previous = last;
    last = el;
    if (el.type === 'command_argument_sep') {
      // The grammar gives the colon of `-Name:value` as a separator right after the parameter.
      if (el.text === ':' && previous && previous.type === 'command_parameter' && pending !== null) {
        colonPending = pending;
        pending = null;
      }
      continue;
    }
    if (el.type === 'command_parameter') {
      if (pending !== null) params.push({ name: pending, colon: false, value: { t: 'switch', v: true } });
      pending = el.text.replace(/^-/, '').replace(/:$/, '');
      continue;
    }
    const value = evaluate(el);
    if (colonPending !== null) {
      params.push({ name: colonPending, colon: true, value: value.t === 'bool' ? { t: 'switch', v: value.v } : value });
      colonPending = null;
    } else if (pending !== null) {
      params.push({ name: pending, colon: false, value });
      pending = null;
    } else {
      params.push({ name: null, colon: false, value });
    }
  }
  if (pending) params.push({ name: pending, colon: false, value: { t: 'switch', v: true } });
  return { name: name ? name.text : null, params };
}

async function load() {
  await Parser.init();
  const wasm = require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm');
  const language = await Language.load(wasm);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

async function main() {
  // The oracle parses a few hundred short lines: V8's baseline WASM compiler is enough, and its
  // optimizing tier would spend seconds compiling the grammar in the background.
  require('v8').setFlagsFromString('--liftoff-only');
  const input = process.argv[2];
  if (!input) {
    console.error('usage: node oracle.cjs INPUT.json');
    process.exit(2);
  }
  const lines = JSON.parse(fs.readFileSync(path.resolve(input), 'utf8'));
  const parser = await load();
  const results = lines.map((line) => {
    const tree = parser.parse(line);
    const r = { error: tree.rootNode.hasError, commands: commands(tree.rootNode) };
    tree.delete();
    return r;
  });
  process.stdout.write(JSON.stringify(results));
}

module.exports = { load };

if (require.main === module) {
  main().catch((e) => {
    console.error(e && e.stack ? e.stack : String(e));
    process.exit(1);
  });
}
