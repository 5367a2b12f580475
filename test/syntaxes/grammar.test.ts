// Highlighting candidates: the grammars under syntaxes/ scope quoted passages and figures in plain text and
// Markdown. The grammars are loaded the way VS Code loads them: from package.json's `contributes.grammars`,
// with vscode-textmate and the Oniguruma regex engine, and each injection applied to the scopes its
// `injectTo` names.
import { before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { fixturePath, REPO_ROOT } from '../fixture-path';

const PLAIN = 'text.plain.marginalia';
const INJECTION = 'marginalia.candidates.injection';
const MARKDOWN = 'text.html.markdown';
const DOUBLE = 'string.quoted.double.marginalia';
const SINGLE = 'string.quoted.single.marginalia';
const BEGIN = 'punctuation.definition.string.begin.marginalia';
const END = 'punctuation.definition.string.end.marginalia';
const NUMBER = 'constant.numeric.marginalia';
const UNIT = 'keyword.other.unit.marginalia';
const CURRENCY = 'keyword.other.unit.currency.marginalia';
const PERCENT = 'keyword.other.unit.percent.marginalia';

/** VS Code's own extensions, when scripts/ensure-deps.sh has installed code-server. */
const VSCODE_EXTENSIONS = path.join(
  process.env.CODE_SERVER_DIR ?? path.join(REPO_ROOT, '.cache', 'code-server', 'node_modules', 'code-server'),
  'lib', 'vscode', 'extensions',
);

interface GrammarContribution {
  language?: string;
  scopeName: string;
  path: string;
  injectTo?: string[];
  tokenTypes?: Record<string, string>;
}

interface Token {
  /** 1-based line number */
  line: number;
  text: string;
  scopes: string[];
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const contributions: GrammarContribution[] = manifest.contributes?.grammars ?? [];

/**
 * The contributed grammar with this scope name (fails the test when there is none).
 * @param scopeName the grammar's scope name
 */
function contribution(scopeName: string): GrammarContribution {
  const found = contributions.find((c) => c.scopeName === scopeName);
  assert.ok(found, `package.json contributes no grammar with scopeName ${scopeName}`);
  return found;
}

/**
 * A registry like VS Code's: our contributed grammars, plus other grammars by scope name (Markdown and
 * what it includes), and injections looked up for every dot-prefix of a scope name as VS Code does.
 * @param otherGrammars scope name -> absolute path of a grammar file that is not ours
 */
function createRegistry(otherGrammars: Map<string, string>): vsctm.Registry {
  const files = new Map(otherGrammars);
  for (const c of contributions) files.set(c.scopeName, path.join(REPO_ROOT, c.path));
  return new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      const file = files.get(scopeName);
      return file ? vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName) => {
      const segments = scopeName.split('.');
      const prefixes = segments.map((_, i) => segments.slice(0, i + 1).join('.'));
      return contributions.filter((c) => c.injectTo?.some((target) => prefixes.includes(target))).map((c) => c.scopeName);
    },
  });
}

/**
 * Tokenize a whole text line by line, carrying the rule stack across lines as the editor does.
 * @param registry where the grammars come from
 * @param rootScope the document's grammar
 * @param text the document
 */
async function tokenize(registry: vsctm.Registry, rootScope: string, text: string): Promise<Token[]> {
  const grammar = await registry.loadGrammar(rootScope);
  assert.ok(grammar, `grammar ${rootScope} did not load`);
  const tokens: Token[] = [];
  let stack = vsctm.INITIAL;
  text.split(/\r?\n/).forEach((lineText, index) => {
    const result = grammar.tokenizeLine(lineText, stack);
    for (const t of result.tokens) {
      tokens.push({ line: index + 1, text: lineText.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    stack = result.ruleStack;
  });
  return tokens;
}

/**
 * The texts of the maximal runs of consecutive tokens on one line that carry a scope: for a quote scope,
 * each quoted passage with its marks (nested quotes included); for a figure scope, each figure.
 * @param tokens the tokenized document
 * @param scope an exact scope name
 */
function spans(tokens: readonly Token[], scope: string): string[] {
  const found: string[] = [];
  let previous: Token | undefined;
  for (const token of tokens) {
    if (token.scopes.includes(scope)) {
      if (previous?.scopes.includes(scope) && previous.line === token.line) found[found.length - 1] += token.text;
      else found.push(token.text);
    }
    previous = token;
  }
  return found;
}

/**
 * Whether any token carries a scope of ours (other than the plain-text root).
 * @param tokens some tokens
 */
function anyCandidateScope(tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.scopes.some((s) => s.endsWith('.marginalia') && s !== PLAIN));
}

/** Path of a seed article by its number prefix, e.g. `000`. */
function seedPath(prefix: string): string {
  const name = fs.readdirSync(path.join(REPO_ROOT, 'seeds')).find((n) => n.startsWith(`${prefix}_`) && n.endsWith('.txt'));
  assert.ok(name, `no seed article ${prefix}_*.txt`);
  return path.join(REPO_ROOT, 'seeds', name);
}

let registry: vsctm.Registry;
const seedTokens = new Map<string, Token[]>();

/**
 * The tokens of a seed article under the plain-text grammar (tokenized once).
 * @param prefix the seed's number, e.g. `000`
 */
async function seed(prefix: string): Promise<Token[]> {
  let tokens = seedTokens.get(prefix);
  if (!tokens) {
    tokens = await tokenize(registry, PLAIN, fs.readFileSync(seedPath(prefix), 'utf8'));
    seedTokens.set(prefix, tokens);
  }
  return tokens;
}

/**
 * Tokens of a short plain-text snippet.
 * @param text the snippet
 */
function plain(text: string): Promise<Token[]> {
  return tokenize(registry, PLAIN, text);
}

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = createRegistry(new Map());
});

describe('the grammar contributions in package.json', () => {
  it('give the built-in plaintext language a grammar of its own, with a root scope to inject into', () => {
    const grammar = contribution(PLAIN);
    assert.equal(grammar.language, 'plaintext');
    const raw = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, grammar.path), 'utf8'));
    assert.equal(raw.scopeName, PLAIN);
  });

  it('inject the candidate rules into plain text and Markdown, and the selector names both', () => {
    const injection = contribution(INJECTION);
    assert.deepEqual([...(injection.injectTo ?? [])].sort(), [MARKDOWN, PLAIN].sort());
    const raw = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, injection.path), 'utf8'));
    assert.equal(raw.scopeName, INJECTION);
    for (const target of injection.injectTo ?? []) {
      assert.match(raw.injectionSelector, new RegExp(`L:${target.replace(/\./g, '\\.')} `), `selector misses ${target}`);
    }
  });

  it('keep quoted passages in plain text out of the "string" token type, so editing inside them behaves as before', async () => {
    // VS Code turns "other" into StandardTokenType.Other (0); "string" would be 2. The token type sits in
    // bits 8-9 of vscode-textmate's binary token metadata.
    const tokenTypes = Object.fromEntries(
      Object.entries(contribution(PLAIN).tokenTypes ?? {}).map(([selector, type]) => [selector, ({ other: 0, comment: 1, string: 2 } as Record<string, number>)[type]]),
    );
    const grammar = await registry.loadGrammarWithConfiguration(PLAIN, 1, { tokenTypes });
    assert.ok(grammar);
    const line = 'He said "we heard ‘no’ twice" and “left”.';
    const { tokens } = grammar.tokenizeLine2(line, vsctm.INITIAL);
    const typeAt = (text: string) => {
      const offset = line.indexOf(text);
      let metadata = tokens[1];
      for (let i = 0; i < tokens.length; i += 2) if (tokens[i] <= offset) metadata = tokens[i + 1];
      return (metadata >>> 8) & 0b11;
    };
    for (const inside of ['we heard', 'no', 'left']) assert.equal(typeAt(inside), 0, `"${inside}" is typed as a string`);
    // The same grammar without the mapping would type them as strings: the mapping is what changes it.
    const unmapped = await createRegistry(new Map()).loadGrammarWithConfiguration(PLAIN, 1, {});
    const unmappedTokens = unmapped!.tokenizeLine2(line, vsctm.INITIAL).tokens;
    assert.ok([...unmappedTokens].some((value, i) => i % 2 === 1 && ((value >>> 8) & 0b11) === 2));
  });
});

describe('quoted passages in the seed articles (plain text)', () => {
  it('scope the Ryabkov quote in 000 as one double-quoted string, marks included', async () => {
    const tokens = await seed('000');
    const quote =
      '"We are ready to immediately, even tomorrow -- literally tomorrow, on Saturday -- go for talks with the US in a third country,"';
    assert.ok(spans(tokens, DOUBLE).includes(quote));
    const line = tokens.filter((t) => t.line === tokens.find((u) => u.text.startsWith('We are ready'))!.line);
    assert.equal(line[0].text, '"');
    assert.ok(line[0].scopes.includes(BEGIN));
    const closing = line.find((t) => t.scopes.includes(END));
    assert.ok(closing && closing.text === '"');
  });

  it('scope the same quote with curly marks in 002', async () => {
    const quote =
      '“We are ready to immediately, even tomorrow — literally tomorrow, on Saturday — go for talks with the US in a third country,”';
    assert.ok(spans(await seed('002'), DOUBLE).includes(quote));
  });

  it('find exactly the double-quoted passages a simple pair matcher finds, in every seed', async () => {
    // The seeds' double quotes are well formed, so the grammar must agree with the naive reading.
    for (const prefix of ['000', '001', '002', '003', '004']) {
      const text = fs.readFileSync(seedPath(prefix), 'utf8');
      const expected = text.split('\n').flatMap((line) => line.match(/“[^“”]*”|"[^"]*"/g) ?? []);
      assert.deepEqual(spans(await seed(prefix), DOUBLE), expected, `seed ${prefix}`);
    }
  });

  it('do not end a quote at an apostrophe', async () => {
    assert.ok(spans(await seed('000'), DOUBLE).includes('"sanctions like he\'s never seen"'));
    assert.ok(spans(await seed('002'), DOUBLE).includes('“sanctions like he’s never seen”'));
  });

  it('scope the single-quoted headlines, straight and curly, and no apostrophe', async () => {
    assert.deepEqual(spans(await seed('000'), SINGLE), ["'No talks without European allies'", "'Impossible'"]);
    assert.deepEqual(spans(await seed('002'), SINGLE), ['‘Legal guarantees’', '‘Impossible’']);
    assert.deepEqual(spans(await seed('004'), SINGLE), ["'nowhere to retreat'"]);
  });

  it('leave an opening mark that is never closed on its line alone (003: ‘dangerous point, Photo: …)', async () => {
    const tokens = await seed('003');
    assert.deepEqual(spans(tokens, SINGLE), ['‘red lines’']);
    const line = tokens.find((t) => t.text.includes('‘dangerous point'))!.line;
    assert.equal(anyCandidateScope(tokens.filter((t) => t.line === line)), false);
  });
});

describe('figures in the seed articles (plain text)', () => {
  it('scope numbers with thousands separators, money and units in 000, and no bare year or date', async () => {
    const tokens = await seed('000');
    assert.deepEqual(spans(tokens, NUMBER), ['100,000', '13,000', '2.5 billion']);
    assert.deepEqual(spans(tokens, UNIT), ['troops', 'people']);
    assert.deepEqual(spans(tokens, CURRENCY), ['$']);
    assert.ok(fs.readFileSync(seedPath('000'), 'utf8').includes('2014'), 'the seed has years that must stay unscoped');
  });

  it('scope 13,000 lives in 002 and 15,000 / 70,000 / 14,000 in 003', async () => {
    assert.deepEqual(spans(await seed('002'), NUMBER), ['100,000', '13,000', '2.5 billion']);
    assert.deepEqual(spans(await seed('002'), UNIT), ['troops', 'lives']);
    assert.deepEqual(spans(await seed('003'), NUMBER), ['15,000', '70,000', '14,000']);
    assert.deepEqual(spans(await seed('003'), UNIT), ['people', 'soldiers', 'people']);
  });

  it('scope a figure inside a quote as a number within the string', async () => {
    const tokens = await seed('004');
    const twenty = tokens.find((t) => t.text === '20' && t.scopes.includes(NUMBER));
    assert.ok(twenty, '“We’re 20 days away …” has a figure');
    assert.ok(twenty.scopes.indexOf(DOUBLE) < twenty.scopes.indexOf(NUMBER), 'the number is nested in the quote');
  });
});

describe('quotes: nesting, apostrophes and line ends', () => {
  it('scope single quotes nested in double ones, and double in single', async () => {
    const curly = await plain('He said “we heard ‘no’ twice” before.');
    assert.deepEqual(spans(curly, DOUBLE), ['“we heard ‘no’ twice”']);
    assert.deepEqual(spans(curly, SINGLE), ['‘no’']);
    const no = curly.find((t) => t.text === 'no')!;
    assert.ok(no.scopes.indexOf(DOUBLE) < no.scopes.indexOf(SINGLE), 'the single quote is inside the double one');
    const straight = await plain(`'He said "no" twice,' she wrote.`);
    assert.deepEqual(spans(straight, SINGLE), [`'He said "no" twice,'`]);
    assert.deepEqual(spans(straight, DOUBLE), ['"no"']);
  });

  it('do not take apostrophes or inch marks for quotes', async () => {
    const tokens = await plain(`Russia's demands, the Kremlin’s 'red lines', a 12" pipe and "a real quote".`);
    assert.deepEqual(spans(tokens, SINGLE), ["'red lines'"]);
    assert.deepEqual(spans(tokens, DOUBLE), ['"a real quote"']);
    const inside = await plain(`He called it ‘Russia’s backyard’ and 'Moscow's sphere' twice.`);
    assert.deepEqual(spans(inside, SINGLE), ['‘Russia’s backyard’', "'Moscow's sphere'"]);
  });

  it('never run past the end of a line, even when the marks cross', async () => {
    const tokens = await tokenize(registry, PLAIN, fs.readFileSync(fixturePath('syntaxes', 'unclosed-quotes.txt'), 'utf8'));
    const onLine = (line: number) => tokens.filter((t) => t.line === line);
    assert.equal(anyCandidateScope(onLine(1)), false, 'an opening mark with no closing one opens nothing');
    assert.deepEqual(spans(onLine(2), DOUBLE), ['“until here”']);
    // “pair ‘inside” and out’: the nested single quote swallows the double closer, so the double quote
    // runs to the end of its line, and stops there.
    assert.equal(spans(onLine(3), DOUBLE).length, 1);
    assert.ok(onLine(3).at(-1)!.scopes.includes(DOUBLE));
    assert.deepEqual(spans(onLine(4), DOUBLE), ['“line”']);
    assert.equal(onLine(4)[0].scopes.includes(DOUBLE), false, 'the next line starts outside any quote');
  });
});

describe('figures: money, percentages, units', () => {
  const cases: { text: string; numbers: string[]; units: string[] }[] = [
    { text: 'Aid of €20m, US$4.5bn, USD 300 and £1,200.50.', numbers: ['20m', '4.5bn', '300', '1,200.50'], units: ['€', 'US$', 'USD', '£'] },
    { text: 'Up 3.5% or 12 percent, 2 per cent, 10-15%.', numbers: ['3.5', '12', '2', '15'], units: ['%', ' percent', ' per cent', '%'] },
    { text: 'Some 1.5 million fled; 2.5 million people; a 10-year plan; 250 miles.', numbers: ['1.5 million', '2.5 million', '10', '250'], units: ['people', 'year', 'miles'] },
    { text: 'A 70,000-strong force and 15,000 dead.', numbers: ['70,000', '15,000'], units: ['dead'] },
    { text: 'Not figures: 2014, Dec 17, 2021, the 20th century, COVID-19 cases, F-16 jets, 1,2345, 483K+, 7 things.', numbers: [], units: [] },
  ];
  for (const { text, numbers, units } of cases) {
    it(text, async () => {
      const tokens = await plain(text);
      assert.deepEqual(spans(tokens, NUMBER), numbers);
      const unitTexts = tokens.filter((t) => t.scopes.some((s) => [UNIT, CURRENCY, PERCENT].includes(s))).map((t) => t.text);
      assert.deepEqual(unitTexts, units);
    });
  }
});

/**
 * The Markdown checks, run against a given Markdown grammar.
 * @param otherGrammars scope name -> grammar file for Markdown and what it includes
 */
async function checkMarkdown(otherGrammars: Map<string, string>): Promise<void> {
  const tokens = await tokenize(createRegistry(otherGrammars), MARKDOWN, fs.readFileSync(fixturePath('syntaxes', 'article.md'), 'utf8'));
  assert.deepEqual(spans(tokens, DOUBLE), [
    '“as early as”',
    '“we heard ‘no’ twice”',
    '“There will be no talks on European security without our European allies,”',
  ]);
  assert.deepEqual(spans(tokens, SINGLE), ["'could start'", '‘no’']);
  // Front matter, inline code, the HTML attribute, the fenced and the indented block hold 13,000,
  // 70,000 and 14,000 (and quotes): none of them is scoped.
  assert.deepEqual(spans(tokens, NUMBER), ['100,000', '2.5 billion', '3.5']);
  for (const code of ['not a quote', 'Not a quote', 'still not a quote', 'reports', 'Front matter']) {
    const inside = tokens.filter((t) => t.text.includes(code));
    assert.ok(inside.length > 0, `fixture has "${code}"`);
    assert.equal(anyCandidateScope(inside), false, `"${code}" is scoped`);
  }
}

/**
 * Scope name -> grammar file of every grammar VS Code's built-in extensions contribute (not injections).
 * @param extensionsDir the `extensions` folder of a VS Code build
 */
function builtInGrammars(extensionsDir: string): Map<string, string> {
  const grammars = new Map<string, string>();
  for (const name of fs.readdirSync(extensionsDir)) {
    const manifestPath = path.join(extensionsDir, name, 'package.json');
    if (!fs.existsSync(manifestPath)) continue;
    const builtIn = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    for (const g of (builtIn.contributes?.grammars ?? []) as GrammarContribution[]) {
      if (!g.injectTo) grammars.set(g.scopeName, path.join(extensionsDir, name, g.path));
    }
  }
  return grammars;
}

describe('Markdown', () => {
  it('scopes prose, and leaves front matter, code, links and HTML alone (stand-in Markdown grammar)', () =>
    checkMarkdown(new Map([[MARKDOWN, fixturePath('syntaxes', 'markdown-stand-in.tmLanguage.json')]])));

  const haveVsCode = fs.existsSync(path.join(VSCODE_EXTENSIONS, 'markdown-basics'));
  it(
    'does the same under VS Code’s own Markdown grammar',
    { skip: haveVsCode ? false : `VS Code's built-in extensions are not installed at ${VSCODE_EXTENSIONS} (scripts/ensure-deps.sh)` },
    () => checkMarkdown(builtInGrammars(VSCODE_EXTENSIONS)),
  );
});
