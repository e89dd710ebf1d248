const pluralRules = new Intl.PluralRules('en');
const numbers = new Intl.NumberFormat('en');

/** "1 call", "40 calls", "1,024 people": a count with its noun as English writes it (Intl.PluralRules, not "(s)"). */
export function countOf(n: number, one: string, other: string): string {
  return `${numbers.format(n)} ${pluralRules.select(n) === 'one' ? one : other}`;
}
