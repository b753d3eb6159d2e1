// A generated content/ of many notes, to check that a page's HTML does not grow with the number
// of notes (the sidebar shows only the current section). Deterministic: same input, same notes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const WORDS = [
  '트랜스포머', '어텐션', '임베딩', '토큰', '모델', '학습', '데이터', '검색', '벡터', '문장', '의미', '구조',
  '인코더', '디코더', '파라미터', '손실', '함수', '최적화', '평가', '정확도', '언어', '생성', '요약', '번역',
];

function sentence(seed: number, length: number): string {
  const words: string[] = [];
  for (let i = 0; i < length; i++) words.push(WORDS[(seed * 7 + i * 13) % WORDS.length]!);
  return `${words.join(' ')}에 대해 정리한다.`;
}

/** Writes `sections × perSection` notes under `contentDir`; returns how many. */
export function generateNotes(contentDir: string, sections = 20, perSection = 50): number {
  let n = 0;
  for (let s = 1; s <= sections; s++) {
    const dir = path.join(contentDir, `${String(s).padStart(2, '0')}-주제-${s}`);
    mkdirSync(dir, { recursive: true });
    for (let i = 1; i <= perSection; i++) {
      n++;
      const body = [
        `# 노트 ${s}-${i}`,
        '',
        sentence(n, 12),
        '',
        `## 개요`,
        '',
        sentence(n + 1, 20),
        '',
        `### 세부 내용`,
        '',
        `- ${sentence(n + 2, 6)}`,
        `- ${sentence(n + 3, 6)}`,
        '',
        '## 정리',
        '',
        sentence(n + 4, 16),
        '',
      ].join('\n');
      writeFileSync(path.join(dir, `${String(i).padStart(3, '0')}-노트-${i}.md`), body);
    }
  }
  return n;
}
