// Deterministic Korean notes for the benchmark (scripts/bench.ts), modelled on the seed note
// content/01-llm-소개.md: a setext h1 with `<!-- omit in toc -->`, an authored Markdown All in One
// TOC that matches the headings, an h1 with h2/h3 sections, nested lists, blockquotes, a fenced
// code block, a table and relative links to other notes (`../02-주제-2/003-노트-3.md#개요`) that
// resolve. Ten notes to a section folder. Same N, same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const NOUNS = [
  '트랜스포머', '어텐션', '임베딩', '토큰', '언어 모델', '학습률', '데이터셋', '검색', '벡터', '문장', '의미', '구조',
  '인코더', '디코더', '파라미터', '손실 함수', '최적화', '평가 지표', '정확도', '생성', '요약', '번역', '프롬프트',
  '파인튜닝', '사전 훈련', '토크나이저', '컨텍스트', '추론', '양자화', '증류', '정규화', '드롭아웃', '배치', '그래디언트',
  '역전파', '활성화 함수', '레이어', '헤드', '위치 인코딩', '어휘', '말뭉치', '분류', '회귀', '클러스터링', '유사도',
];
const PARTICLES = ['은', '는', '이', '가', '을', '를', '의', '에', '에서', '으로', '와', '과', '도', '만'];
const ENDINGS = [
  '중요하다', '설명할 수 있다', '정리한다', '살펴본다', '비교한다', '사용된다', '달라진다', '필요하다',
  '계산한다', '결정한다', '영향을 준다', '개선된다',
];
const LATIN = ['GPT', 'BERT', 'T5', 'LoRA', 'RAG', 'NLP', 'seq2seq', 'softmax', 'KV cache', 'MLM'];

/** A small deterministic random number generator (mulberry32): the same seed, the same numbers. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function sentence(r: () => number, words: number): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i++) {
    parts.push(r() < 0.1 ? pick(r, LATIN) : `${pick(r, NOUNS)}${pick(r, PARTICLES)}`);
  }
  return `${parts.join(' ')} ${pick(r, ENDINGS)}.`;
}

export interface BenchNote {
  /** Path relative to the content directory. */
  relPath: string;
  text: string;
}

export const PER_SECTION = 10;

function sectionDir(s: number): string {
  return `${String(s).padStart(2, '0')}-주제-${s}`;
}
function noteFile(i: number): string {
  return `${String(i).padStart(3, '0')}-노트-${i}.md`;
}
/** Where note n (0-based) lives. */
export function notePath(n: number): { section: number; index: number; relPath: string } {
  const section = Math.floor(n / PER_SECTION) + 1;
  const index = (n % PER_SECTION) + 1;
  return { section, index, relPath: `${sectionDir(section)}/${noteFile(index)}` };
}

/** The href from note `from` to note `to`, as GitHub reads it. */
function linkBetween(from: number, to: number): string {
  const a = notePath(from);
  const b = notePath(to);
  return a.section === b.section ? `./${noteFile(b.index)}` : `../${sectionDir(b.section)}/${noteFile(b.index)}`;
}

/** The text of note n (0-based) of `total`. */
export function benchNote(n: number, total: number): BenchNote {
  const r = rng(n * 2654435761 + 17);
  const { section, index, relPath } = notePath(n);
  const topic = `${pick(r, NOUNS)} ${index}`;
  const subjects = [pick(r, NOUNS), pick(r, NOUNS), pick(r, NOUNS)];
  // Headings: h1 topic, then three h2 with h3s. Ids are GitHub's (lower case, spaces → '-').
  const id = (s: string) => s.toLowerCase().replace(/ /g, '-');
  const h2 = [`${topic} 이란`, `${subjects[0]} 정리`, '관련 노트'];
  const h3 = [[`${subjects[1]} 정의`, `${subjects[2]} 특징`, '작동 원리'], ['예시 코드', '비교 표'], []];
  const toc = [`- [${topic}](#${id(topic)})`];
  h2.forEach((h, i) => {
    toc.push(`  - [${h}](#${id(h)})`);
    for (const s of h3[i]!) toc.push(`    - [${s}](#${id(s)})`);
  });
  const lines: string[] = [
    `노트 ${section}-${index}: ${topic}  <!-- omit in toc -->`,
    '===',
    '',
    '**Table of Contents**',
    ...toc,
    '',
    '',
    `# ${topic}`,
    `## ${h2[0]}`,
    sentence(r, 14),
    `> ${sentence(r, 6)}`,
    '',
    `### ${h3[0]![0]}`,
    `* ${sentence(r, 5)}`,
    `  * ${sentence(r, 7)}`,
    `  * ${sentence(r, 6)}`,
    '',
    `* ${sentence(r, 4)}`,
    `  * ${sentence(r, 8)}`,
    `  * ${pick(r, LATIN)}`,
    '',
    `### ${h3[0]![1]}`,
    `${sentence(r, 10)} ${sentence(r, 9)}`,
    `> ex) ${pick(r, LATIN)} : ${sentence(r, 7)}`,
    '',
    `### ${h3[0]![2]}`,
    `1. ${sentence(r, 6)}`,
    `2. ${sentence(r, 7)}`,
    `3. ${sentence(r, 5)}`,
    '',
    `## ${h2[1]}`,
    `${sentence(r, 16)}`,
    '',
    `### ${h3[1]![0]}`,
    '```python',
    `def score_${n}(tokens, weight=${(r() * 10).toFixed(2)}):`,
    `    """${subjects[0]} 점수를 계산한다."""`,
    `    total = sum(len(t) for t in tokens)`,
    `    return total * weight / max(len(tokens), ${index})`,
    '```',
    '',
    `### ${h3[1]![1]}`,
    '| 항목 | 설명 | 값 |',
    '| --- | --- | ---: |',
    `| ${subjects[0]} | ${sentence(r, 3)} | ${Math.floor(r() * 1000)} |`,
    `| ${subjects[1]} | ${sentence(r, 3)} | ${Math.floor(r() * 1000)} |`,
    `| ${subjects[2]} | ${sentence(r, 3)} | ${Math.floor(r() * 1000)} |`,
    '',
    `## ${h2[2]}`,
  ];
  // Links to the previous and next note and to one further away, each to a heading there.
  const targets = [...new Set([(n + total - 1) % total, (n + 1) % total, (n * 7 + 3) % total])].filter((t) => t !== n);
  for (const t of targets) {
    const other = benchNote.title(t);
    lines.push(`* [${other.topic}](${linkBetween(n, t)}#${id(other.firstH2)}): ${sentence(r, 4)}`);
  }
  if (targets.length === 0) lines.push(`* ${sentence(r, 4)}`);
  lines.push('');
  return { relPath, text: lines.join('\n') };
}

/** The topic and first h2 of note n, without generating the whole note. */
benchNote.title = (n: number): { topic: string; firstH2: string } => {
  const r = rng(n * 2654435761 + 17);
  const { index } = notePath(n);
  const topic = `${pick(r, NOUNS)} ${index}`;
  return { topic, firstH2: `${topic} 이란` };
};

/** Writes N notes under `contentDir`; returns their relative paths. */
export function writeBenchNotes(contentDir: string, total: number): string[] {
  const paths: string[] = [];
  for (let n = 0; n < total; n++) {
    const note = benchNote(n, total);
    const file = path.join(contentDir, note.relPath);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, note.text);
    paths.push(note.relPath);
  }
  return paths;
}
