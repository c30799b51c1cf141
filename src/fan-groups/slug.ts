/**
 * A URL slug that keeps every script: "Dimash&Dostar" → "dimash-dostar",
 * "Алматы фан-клуб" → "алматы-фан-клуб", "ディマシュ 日本" → "ディマシュ-日本".
 */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'group';
}
