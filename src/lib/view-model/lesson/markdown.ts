/**
 * A small markdown reader for scenario instructions: paragraphs, headings, emphasis, strong, inline
 * code, fenced code blocks, lists (one level) and links. It builds a tree of plain data that a
 * Svelte component renders as elements and text nodes: scenario text is never parsed as HTML, so
 * `<script>` in a file is shown as the characters it is. Links keep only safe targets (http, https,
 * mailto, in-page anchors); any other target is shown as plain text.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'em' | 'strong'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'heading'; level: 3 | 4 | 5; children: Inline[] }
  | { kind: 'code'; lang: string; text: string }
  | { kind: 'list'; ordered: boolean; items: Inline[][] };

const FENCE = /^\s*(```|~~~)\s*([\w-]*)\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
/** Sandbox limit: instructions longer than this are cut (a scenario file is ≤ 1 MB anyway). */
const MAX_CHARS = 50_000;

export function parseMarkdown(source: string): Block[] {
  const lines = source.slice(0, MAX_CHARS).replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
    } else if (FENCE.test(line)) {
      i = readFence(lines, i, blocks);
    } else if (HEADING.test(line)) {
      const [, hashes, text] = HEADING.exec(line)!;
      // Headings inside a panel sit below the panel's own h2/h3: # → h3, ## → h4, deeper → h5.
      const level = Math.min(5, hashes!.length + 2) as 3 | 4 | 5;
      blocks.push({ kind: 'heading', level, children: parseInline(text!) });
      i++;
    } else if (BULLET.test(line) || NUMBERED.test(line)) {
      i = readList(lines, i, blocks);
    } else {
      i = readParagraph(lines, i, blocks);
    }
  }
  return blocks;
}

function readFence(lines: string[], start: number, blocks: Block[]): number {
  const [, marker, lang] = FENCE.exec(lines[start]!)!;
  const body: string[] = [];
  let i = start + 1;
  while (i < lines.length && lines[i]!.trim() !== marker) body.push(lines[i++]!);
  blocks.push({ kind: 'code', lang: lang ?? '', text: dedent(body).join('\n') });
  return i + 1; // past the closing fence (or the end)
}

function readList(lines: string[], start: number, blocks: Block[]): number {
  const ordered = NUMBERED.test(lines[start]!) && !BULLET.test(lines[start]!);
  const pattern = ordered ? NUMBERED : BULLET;
  const items: string[] = [];
  let i = start;
  while (i < lines.length && lines[i]!.trim() !== '') {
    const match = pattern.exec(lines[i]!);
    if (match) items.push(match[1]!);
    else if (items.length > 0 && /^\s+\S/.test(lines[i]!)) items[items.length - 1] += ` ${lines[i]!.trim()}`; // a continuation line
    else break;
    i++;
  }
  blocks.push({ kind: 'list', ordered, items: items.map(parseInline) });
  return i;
}

function readParagraph(lines: string[], start: number, blocks: Block[]): number {
  const text: string[] = [];
  let i = start;
  while (i < lines.length && lines[i]!.trim() !== '' && !FENCE.test(lines[i]!) && !HEADING.test(lines[i]!) && !BULLET.test(lines[i]!) && !NUMBERED.test(lines[i]!)) {
    text.push(lines[i]!.trim());
    i++;
  }
  blocks.push({ kind: 'paragraph', children: parseInline(text.join(' ')) });
  return i;
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)![0].length);
  const cut = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((l) => l.slice(cut));
}

/** Inline markup: `code`, **strong**, *em* / _em_, [text](href). Unclosed markers stay text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain !== '') out.push({ kind: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const parsed = inlineAt(text, i);
    if (parsed === null) {
      plain += text[i];
      i++;
      continue;
    }
    flush();
    out.push(parsed.node);
    i = parsed.end;
  }
  flush();
  return out;
}

function inlineAt(text: string, i: number): { node: Inline; end: number } | null {
  const c = text[i];
  if (c === '\\' && i + 1 < text.length && /[\\`*_[\]()#-]/.test(text[i + 1]!)) return { node: { kind: 'text', text: text[i + 1]! }, end: i + 2 };
  if (c === '`') {
    const close = text.indexOf('`', i + 1);
    return close > i + 1 ? { node: { kind: 'code', text: text.slice(i + 1, close) }, end: close + 1 } : null;
  }
  if (text.startsWith('**', i) || text.startsWith('__', i)) {
    const marker = text.slice(i, i + 2);
    const close = text.indexOf(marker, i + 2);
    return close > i + 2 ? { node: { kind: 'strong', children: parseInline(text.slice(i + 2, close)) }, end: close + 2 } : null;
  }
  if (c === '*' || (c === '_' && !/\w/.test(text[i - 1] ?? ''))) {
    const close = findClosingEmphasis(text, i + 1, c);
    return close > i + 1 ? { node: { kind: 'em', children: parseInline(text.slice(i + 1, close)) }, end: close + 1 } : null;
  }
  if (c === '[') return linkAt(text, i);
  return null;
}

function findClosingEmphasis(text: string, from: number, marker: string): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] === marker && text[j - 1] !== ' ' && (marker === '*' || !/\w/.test(text[j + 1] ?? ''))) return j;
  }
  return -1;
}

function linkAt(text: string, i: number): { node: Inline; end: number } | null {
  const closeLabel = text.indexOf('](', i + 1);
  if (closeLabel < 0) return null;
  const closeHref = text.indexOf(')', closeLabel + 2);
  if (closeHref < 0) return null;
  const label = parseInline(text.slice(i + 1, closeLabel));
  const href = safeHref(text.slice(closeLabel + 2, closeHref).trim());
  // An unsafe target keeps its label as plain content: the learner still reads the words.
  const node: Inline = href === null ? { kind: 'em', children: label } : { kind: 'link', href, children: label };
  return { node, end: closeHref + 1 };
}

/**
 * The link targets instructions may use: absolute http(s), mailto, and in-page anchors. Everything
 * else (javascript:, data:, vbscript:, protocol-relative //host, relative paths) is refused: a
 * scenario may come from anywhere (authoring mode), and a relative path means nothing to a learner.
 */
export function safeHref(raw: string): string | null {
  const href = raw.trim();
  if (/^#[\w-]*$/.test(href)) return href;
  if (/[\s<>"'`\\]/.test(href) || /[\u0000-\u001f\u007f]/.test(href)) return null;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:' ? url.href : null;
}
