/**
 * The README's settings table, generated from shared/src/config/settings.ts.
 *
 *   npx tsx scripts/settings-table.ts           prints the table
 *   npx tsx scripts/settings-table.ts --write   replaces it in README.md (between the markers)
 *
 * scripts/settings-table.test.ts fails when the README's copy differs.
 */
import fs from 'fs';
import path from 'path';
import { renderSettingsTable } from '../shared/src/config/settings';

export const README = path.resolve(__dirname, '..', 'README.md');
export const BEGIN = '<!-- settings:begin (generated: npx tsx scripts/settings-table.ts --write) -->';
export const END = '<!-- settings:end -->';

/** The table as it stands in `text` between the markers, or null without markers. */
export function tableIn(text: string): string | null {
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) return null;
  return text.slice(a + BEGIN.length, b).trim();
}

/** `text` with the generated table between the markers. */
export function withTable(text: string): string {
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${BEGIN} … ${END} markers`);
  return `${text.slice(0, a + BEGIN.length)}\n${renderSettingsTable()}\n${text.slice(b)}`;
}

if (require.main === module) {
  if (process.argv.includes('--write')) {
    fs.writeFileSync(README, withTable(fs.readFileSync(README, 'utf8')));
    console.log('README.md: settings table written');
  } else {
    console.log(renderSettingsTable());
  }
}
